import type { Problem } from '../shared/errors.js';
import { getText, isSafeKey, type Store } from '../store/store.js';
import { ENTRY_READ } from './entrySize.js';
import { fieldLine } from './fieldLines.js';
import { splitFrontMatter } from './frontMatter.js';
import { yamlLines } from './yamlLines.js';

/**
 * The problems across entries found after their files were let go (dateOutliers), each without a line given the line
 * its field is written on in its file's front matter (fieldLine), as a problem found in the parse has: the file is
 * read again, which only such a rare problem costs. One whose file cannot be read again keeps no line.
 */
export async function entryFieldLines(content: Store, problems: readonly Problem[]): Promise<Problem[]> {
  const texts = new Map<string, Promise<string | undefined>>();
  const read = (key: string) => {
    let text = texts.get(key);
    if (text === undefined) texts.set(key, (text = Promise.resolve().then(() => getText(content, key, undefined, ENTRY_READ)).catch(() => undefined)));
    return text;
  };
  return Promise.all(
    problems.map(async (problem) => {
      if (problem.line !== undefined || !isSafeKey(problem.file)) return problem;
      const text = await read(problem.file);
      const split = text === undefined ? undefined : splitFrontMatter(text);
      if (!split?.ok) return problem;
      const index = fieldLine(yamlLines(split.value.yaml), problem.field);
      return index === undefined ? problem : { ...problem, line: split.value.yamlLine + index };
    }),
  );
}
