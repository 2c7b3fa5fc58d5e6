import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CORE_SCHEMA, load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../bench/corpus.js';
import { splitFrontMatter } from '../../../lib/content/frontMatter.js';
import { parseSimpleYaml, parseYaml } from '../../../lib/content/parseYaml.js';

// The fast front-matter path must give exactly what js-yaml gives, or decline (undefined) and let js-yaml decide.
const full = (text: string) => load(text, { schema: CORE_SCHEMA });

const ACCEPTED: string[] = [
  // A space YAML does not count as one (YAML 1.2 §5.5) is part of the value, at its end too.
  'timezone: Asia/Seoul\u00A0\n',
  'date: 2014-05-07 \u3000 \n',
  'source:\n  name: X\u2003\n',
  'related:\n  - a\u00A0\n',
  'tags: [a\u00A0, \u00A0b]\n',
  'title: Plain title\nurl: https://example.org/a?b=c#frag\n',
  'title: "Quoted: with colon"\nsummary: \'single quoted\'\n',
  'tags: [Trade, Food Security, 2014, true, null, ~, 0x1F, 1e3, .5, -]\n'.replace(', -]', ']'),
  'tags: []\nother: [ ]\n',
  'source:\n  name: NK News\n  url: https://www.nknews.org/\ndate: 2014-04-22\n',
  'related:\n  - title: More\n    url: https://a.example/\n  - title: Again\n    url: https://b.example/\n',
  'related:\n- title: Col zero\n  url: https://a.example/\n',
  'tags:\n  - one\n  - 2\n  - true\n',
  'draft: true\nn: 12\nf: 1.5\nnothing:\nempty: ""\nnul: null\nNUL: NULL\ntilde: ~\n',
  'title: Commas, brackets] and {braces} in a plain scalar\nx: a:b\ny: a#b\n',
  '# a comment line\ntitle: after a comment\n',
  'title:    spaced out   \n',
  'idDate: "2014"\nyear: 2014\noctal: 0o17\nhex: 0xff\ninf: .inf\nnan: .NaN\nneg: -1\n'.replace('neg: -1\n', ''),
  'unicode: 북한 경제 — “quotes” and emoji 🎉\n',
  'key_with-dash: v\n_under: w\n',
];

const DECLINED: string[] = [
  'title: x # a comment\n',
  'summary: |\n  block\n',
  'summary: >\n  folded\n',
  'a: &anchor x\nb: *anchor\n',
  'a: !!str 12\n',
  'a: "escaped \\" quote"\n',
  "a: 'it''s'\n",
  'a: 1\na: 2\n',
  'a: x\n  continued\n',
  'a:\tb\n',
  'a: b\r\n',
  '__proto__: 1\n',
  'true: yes\n',
  '"quoted key": v\n',
  'a: b: c\n',
  'tags: [a: b]\n',
  'tags: ["q", b]\n',
  'tags: [a, [b]]\n',
  'tags: [a, b,]\n',
  'source:\n  name: x\n    deeper: y\n',
  'source:\n    name: x\n  url: y\n',
  'related:\n  -   title: x\n      url: y\n',
  'related:\n  - title: x\n\n    url: y\n',
  'x: -1\n',
  // A closing quote followed by a no-break space, which js-yaml refuses.
  'x: "a"\u00A0\n',
  'a: @reserved\n',
  '',
  '   \n',
];

describe('parseSimpleYaml, the fast front-matter path', () => {
  it.each(ACCEPTED)('reads %j exactly as js-yaml does', (text) => {
    const fast = parseSimpleYaml(text);
    expect(fast).toBeDefined();
    expect(fast).toStrictEqual(full(text));
  });

  it.each(DECLINED)('leaves %j to js-yaml', (text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });

  it('keeps js-yaml errors and their line numbers', () => {
    const result = parseYaml('title: ok\ntitle: again\n', 'entries/a.md', 2);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.line).toBe(3);
  });

  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-yaml-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('agrees with js-yaml on every front matter of a 2,000-entry generated corpus and the sample site', () => {
    generateCorpus(dir, { count: 2000, seed: 7 });
    const files = readdirSync(join(dir, 'entries'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
    const sample = readdirSync('content/entries', { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => join(entry.parentPath, entry.name));
    let fastCount = 0;
    // Compared in the loop (isDeepStrictEqual: as strict as toStrictEqual) and asserted once, as
    // tests/unit/time/zoneClock.test.ts does: an expect() per file cost more than the fast path. The first ten are named.
    const found: string[] = [];
    for (const file of [...files, ...sample]) {
      const split = splitFrontMatter(readFileSync(file, 'utf8'));
      if (!split.ok) throw new Error(`${file}: ${split.message}`);
      const fast = parseSimpleYaml(split.value.yaml);
      if (fast !== undefined) {
        fastCount++;
        const reference = full(split.value.yaml);
        if (!isDeepStrictEqual(fast, reference)) found.push(`${file}: ${JSON.stringify(fast)}, js-yaml ${JSON.stringify(reference)}`);
      }
    }
    expect(found.slice(0, 10), `${found.length} front matters read otherwise than js-yaml reads them`).toEqual([]);
    // The generated corpus is written in the simple subset, so the fast path must take all of it.
    expect(fastCount).toBeGreaterThanOrEqual(files.length);
  });
});
