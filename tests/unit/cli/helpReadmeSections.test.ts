import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { COMMANDS, main } from '../../../cli/main.js';
import { REPO } from '../../support/cli.js';

/** README's sections as a reader finds them: each heading and each bold paragraph lead (`**Identity.**`), as plain text. */
async function readmeSections(): Promise<Set<string>> {
  const text = await readFile(join(REPO, 'README.md'), 'utf8');
  const headings = [...text.matchAll(/^#{1,6} +(.+)$/gm)].map((match) => match[1]!);
  const leads = [...text.matchAll(/^\*\*([^*]+)\*\*/gm)].map((match) => match[1]!);
  return new Set([...headings, ...leads].map((name) => name.replace(/`/g, '').replace(/\.$/, '').trim()));
}

async function helpText(args: string[]): Promise<string> {
  const out: string[] = [];
  const io: CliIo = { stdout: (line) => out.push(line), stderr: () => undefined, env: {}, cwd: '/', isTty: false };
  expect(await main(args, io)).toBe(0);
  // A name may be wrapped over two lines of the help: read as one line.
  return out.join('\n').replace(/\s+/g, ' ');
}

describe('--help texts', () => {
  it('name only README sections that exist (a heading or a bold paragraph), in every command', async () => {
    const sections = await readmeSections();
    expect(sections).toContain('Identity');
    const named: string[] = [];
    for (const args of [['--help'], ...COMMANDS.map((entry) => [entry.name, '--help'])]) {
      const help = await helpText(args);
      for (const match of help.matchAll(/README(?:,|'s) "([^"]+)"/g)) named.push(`${args.join(' ')}: ${match[1]!}`);
    }
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !sections.has(name.slice(name.indexOf(': ') + 2)))).toEqual([]);
  });
});
