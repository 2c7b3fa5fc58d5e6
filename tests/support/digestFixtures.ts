import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { buildDigestModel, type DigestModel } from '../../lib/digest/digestModel.js';
import type { EntryMeta } from '../../lib/content/entry.js';
import { parseIsoWeek } from '../../lib/time/isoWeek.js';
import { parseSite, type Site } from '../../lib/content/site.js';
import { slugify } from '../../lib/shared/slug.js';

export const DIGEST = {
  from: 'Test Watch <digest@watch.example.org>',
  unsubscribe: { url: 'https://watch.example.org/unsubscribe?email={email}', mailto: 'unsubscribe@watch.example.org' },
};

export function siteYaml(site: Record<string, unknown> = {}, digest: Record<string, unknown> = DIGEST): string {
  return dump({ title: 'Test Watch', description: 'Curated test news.', url: 'https://watch.example.org/', language: 'en-GB', timezone: 'Asia/Seoul', idDate: '2014', digest, ...site });
}

export function testSite(site: Record<string, unknown> = {}, digest: Record<string, unknown> = DIGEST): Site {
  const parsed = parseSite(siteYaml(site, digest));
  if (!parsed.site) throw new Error(JSON.stringify(parsed.problems));
  return parsed.site;
}

let counter = 0;
/** An entry dated `date` (local ISO in Seoul unless it has an offset). */
export function meta(date: string, overrides: Partial<EntryMeta> = {}): EntryMeta {
  const n = ++counter;
  const tags = ['Trade', 'Markets'].map((name) => ({ name, slug: slugify(name) }));
  return {
    key: `entries/2014/e${n}.md`,
    id: `2014/e${n}`,
    title: `Entry ${n}`,
    url: `https://news.example.com/${n}`,
    source: { name: 'Example News', url: 'https://news.example.com/' },
    date: DateTime.fromISO(date, { zone: 'Asia/Seoul' }).toMillis(),
    tags,
    summary: `Summary of entry ${n}.`,
    related: [],
    draft: false,
    ...overrides,
  };
}

export function weekModel(site: Site, entries: EntryMeta[], weekName = '2014-W19'): DigestModel {
  return buildDigestModel(site, parseIsoWeek(weekName, site.timezone)!, entries, new Map());
}
