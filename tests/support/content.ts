import { mkdtemp, mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { dump } from 'js-yaml';
import { MemoryStore } from '../../lib/store/memoryStore.js';

export const SITE = {
  title: 'Test Watch',
  description: 'Curated test news.',
  url: 'https://watch.example.org/',
  language: 'en',
  timezone: 'Asia/Seoul',
  idDate: '2014',
};

export type FrontMatter = Record<string, unknown>;

/** An entry file: YAML front matter between --- lines, then the body. */
export function entryText(frontMatter: FrontMatter, body = 'Commentary.\n'): string {
  return `---\n${dump(frontMatter, { lineWidth: -1 })}---\n${body}`;
}

/** A valid entry's front matter, with `overrides` merged in (undefined removes a field). */
export function entry(overrides: FrontMatter = {}): FrontMatter {
  const base: FrontMatter = { title: 'An article', url: 'https://news.example.com/a', source: 'Example News', date: '2014-05-08', tags: ['trade'] };
  const merged = { ...base, ...overrides };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return merged;
}

export interface ContentSpec {
  site?: Record<string, unknown> | string;
  /** Entry files by path under entries/, e.g. `2014/a.md`. */
  entries: Record<string, string>;
}

function siteText(site: ContentSpec['site']): string {
  return typeof site === 'string' ? site : dump(site ?? SITE);
}

export function memoryContent(spec: ContentSpec): MemoryStore {
  const store = new MemoryStore();
  store.objects.set('site.yml', { body: Buffer.from(siteText(spec.site)), contentType: 'application/yaml' });
  for (const [path, text] of Object.entries(spec.entries)) store.objects.set(`entries/${path}`, { body: Buffer.from(text), contentType: 'text/markdown' });
  return store;
}

/** Writes a content folder into a fresh temporary directory and returns its path. */
export async function contentFolder(spec: ContentSpec): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'broadsheet-content-'));
  await writeFile(join(root, 'site.yml'), siteText(spec.site));
  for (const [path, text] of Object.entries(spec.entries)) {
    const file = join(root, 'entries', ...path.split('/'));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return root;
}

/**
 * A content folder whose files were saved an hour ago: a publish reads none of them as racy (saved within the
 * margin of its read, lib/store/isRacy.ts), so a test that counts a run's writes sees no re-read's rewrite of the
 * entry index.
 */
export async function settledContentFolder(spec: ContentSpec): Promise<string> {
  const root = await contentFolder(spec);
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const file of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (file.isFile()) await utimes(join(file.parentPath, file.name), hourAgo, hourAgo);
  }
  return root;
}
