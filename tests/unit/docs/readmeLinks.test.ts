import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../support/cli.js';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/** README's tokens as a Markdown reader builds them: links and code spans inline, headings with their text. */
const readme = readFile(join(REPO, 'README.md'), 'utf8').then((text) => new MarkdownIt().parse(text, {}));
const readmeTokens = (): Promise<Token[]> => readme;

/** An attribute of a token as its text (href, src). */
function attr(token: Token, name: string): string | undefined {
  const value = token.attrGet(name);
  return value === null ? undefined : String(value);
}

function inline(tokens: Token[]): Token[] {
  return tokens.flatMap((token) => (token.type === 'inline' ? (token.children ?? []) : []));
}

/**
 * The anchor GitHub gives a heading: its text in lower case, each space a hyphen, every character but letters, digits,
 * hyphens and underscores dropped (the rule of GitHub's own github-slugger). README's headings are ASCII.
 */
function headingAnchor(text: string): string {
  return text.toLowerCase().replace(/ /g, '-').replace(/[^a-z0-9_-]/g, '');
}

/** A code span that is a path in this repository: a top folder and at least one segment, no placeholder in it. */
const REPO_PATH = /^(?:lib|cli|functions|tests|scripts|bench|docs|bin|content)\/[A-Za-z0-9_./-]+$/;

describe('README for a newcomer', () => {
  it("has every link within the page lead to one of its headings (the quick start's to the editors' sections)", async () => {
    const tokens = await readmeTokens();
    const anchors = new Set(tokens.flatMap((token, at) => (token.type === 'heading_open' ? [headingAnchor(tokens[at + 1]!.content)] : [])));
    const links = inline(tokens).flatMap((token) => {
      const href = token.type === 'link_open' ? attr(token, 'href') : undefined;
      return href?.startsWith('#') ? [href.slice(1)] : [];
    });
    expect(links).toEqual(expect.arrayContaining(['for-editors-write-preview-publish', 'an-entry', 'editing-day-to-day', 'deploy-to-aws']));
    expect(links.filter((anchor) => !anchors.has(anchor))).toEqual([]);
  });

  it('links only files that are in the repository (the pictures in docs/)', async () => {
    const targets = inline(await readmeTokens()).flatMap((token) => {
      const target = token.type === 'link_open' ? attr(token, 'href') : token.type === 'image' ? attr(token, 'src') : undefined;
      return target && !/^[a-z][a-z0-9+.-]*:|^#/i.test(target) ? [target] : [];
    });
    expect(targets).toEqual(expect.arrayContaining(['docs/images/digest-800.png', 'docs/benchmarks.md']));
    expect(targets.filter((target) => !existsSync(join(REPO, target)))).toEqual([]);
  });

  it('names only files and folders of the repository as they are (lib/content/limits.ts, tests/e2e/...)', async () => {
    const paths = inline(await readmeTokens()).flatMap((token) => (token.type === 'code_inline' && REPO_PATH.test(token.content) ? [token.content] : []));
    expect(paths.length).toBeGreaterThan(50);
    expect([...new Set(paths.filter((path) => !existsSync(join(REPO, path))))]).toEqual([]);
  });
});
