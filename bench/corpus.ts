import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A synthetic Broadsheet site, generated deterministically from a seed: the same seed and size give the
 * same files byte for byte. Entries have 1–4 of 50 tags (popularity skewed, as real tags are), dates over
 * 15 years (mostly YYYY-MM-DD, so many share a day and the id breaks the tie), and a 2–4 paragraph
 * Markdown body of 150–300 words with a link. One entry in 250 is a draft.
 */
export interface CorpusOptions {
  count: number;
  seed?: number;
  /** Items per feed written into site.yml (default 50). */
  feedLimit?: number;
  /** The first day (UTC midnight, epoch ms) and the number of days the dates spread over; default 2011–2025. */
  firstDay?: number;
  days?: number;
  /** Give some entries a date-time (default true); false dates every entry YYYY-MM-DD, so each stays on its day. */
  dateTimes?: boolean;
}

/** What the generator wrote about each entry: the facts a test needs to work out the expected feeds itself. */
export interface GeneratedEntry {
  key: string;
  id: string;
  /** Epoch milliseconds. */
  date: number;
  tagSlugs: string[];
  draft: boolean;
}

export interface Corpus {
  dir: string;
  /** The site's host and idDate: the parts of each entry's `tag:` id. */
  host: string;
  idDate: string;
  feedLimit: number;
  /** Epoch ms of the newest entry date; publishing at or after it embargoes nothing. */
  newest: number;
  entries: GeneratedEntry[];
  tags: { name: string; slug: string }[];
  bytes: number;
}

export const CORPUS_HOST = 'bench.example.org';
export const CORPUS_ID_DATE = '2010';
/** Dates run 2011-01-01 to 2025-12-31; publish as of this moment so nothing is embargoed. */
export const CORPUS_NOW = '2026-01-01T00:00:00Z';

/** The digest benches' week, ISO 2025-W52 (Monday 22 to Sunday 28 December 2025), and the UTC midnight it starts at. */
export const DIGEST_WEEK = '2025-W52';
export const DIGEST_WEEK_START = Date.UTC(2025, 11, 22);
const FIRST_DAY = Date.UTC(2011, 0, 1);
const DAYS = 5478; // 2011-01-01 .. 2025-12-31
const ZONE_OFFSET_MS = 9 * 3600_000; // Asia/Seoul: +09:00, no DST since 1988.

const TAG_NAMES = [
  'Trade', 'China', 'Sanctions', 'Agriculture', 'Energy', 'Markets', 'Currency', 'Tourism', 'Mining', 'Fisheries',
  'Rail', 'Ports', 'Telecoms', 'Finance', 'Labour', 'Construction', 'Food Security', 'Special Zones', 'Russia', 'South Korea',
  'Japan', 'Aid', 'Industry', 'Textiles', 'Electricity', 'Coal', 'Oil', 'Shipping', 'Aviation', 'Housing',
  'Health', 'Education', 'Technology', 'Cyber', 'Smuggling', 'Customs', 'Prices', 'Wages', 'Reform', 'Planning',
  'Budget', 'Banking', 'Remittances', 'Logistics', 'Weather', 'Forestry', 'Water', 'Statistics', 'Diplomacy', 'Border',
];
const TAGS = TAG_NAMES.map((name) => ({ name, slug: name.toLowerCase().replace(/ /g, '-') }));
const SOURCES = [
  ['NK News', 'https://www.nknews.org/'], ['38 North', 'https://www.38north.org/'], ['Daily NK', 'https://www.dailynk.com/english/'],
  ['Reuters', 'https://www.reuters.com/'], ['Yonhap', 'https://en.yna.co.kr/'], ['The Diplomat', 'https://thediplomat.com/'],
  ['Financial Times', 'https://www.ft.com/'], ['Korea JoongAng Daily', 'https://koreajoongangdaily.joins.com/'],
  ['Asia Times', 'https://asiatimes.com/'], ['Sino-NK', 'https://sinonk.com/'], ['KDI Review', 'https://www.kdi.re.kr/'], ['Bloomberg', 'https://www.bloomberg.com/'],
] as const;
const WORDS = (
  'the a of and to in for on with by from as at that this its their new more than year month market trade price rice ' +
  'coal iron ore exports imports border customs figures data analysts report officials government state enterprise ' +
  'farmers workers wages currency exchange rate won yuan dollar bank loans budget plan reform zone investment ' +
  'china russia south north korea pyongyang sinuiju dandong rason kaesong port rail road bridge power grid shortage ' +
  'harvest season rainfall drought flood fertiliser fuel oil shipping vessels sanctions enforcement smuggling networks ' +
  'traders merchants jangmadang consumers demand supply growth decline estimate survey interviews sources suggest ' +
  'however although while despite because since still also only even perhaps likely unlikely suggests shows indicates ' +
  'quarter annual record low high steady sharp modest slight significant broad narrow local regional national foreign'
).split(' ');

/** Mulberry32: a small, fast, well-mixed 32-bit PRNG; plenty for synthetic text. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Writes site.yml and entries/YYYY/*.md under `dir` (which should be empty) and returns what it wrote. */
export function generateCorpus(dir: string, options: CorpusOptions): Corpus {
  const random = prng(options.seed ?? 20140422);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  // Zipf-like: a few tags are on many entries, most on few.
  const weights = TAGS.map((_, i) => 1 / (i + 1) ** 0.8);
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const pickTag = () => {
    let r = random() * totalWeight;
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) <= 0) return i;
    return weights.length - 1;
  };
  const sentence = (words: number) => {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(pick(WORDS));
    const text = out.join(' ');
    return text[0]!.toUpperCase() + text.slice(1) + '.';
  };
  const paragraph = (words: number) => {
    const sentences: string[] = [];
    let left = words;
    while (left > 0) {
      const n = Math.min(left, int(8, 20));
      sentences.push(sentence(n));
      left -= n;
    }
    return sentences.join(' ');
  };

  const feedLimit = options.feedLimit ?? 50;
  const firstDay = options.firstDay ?? FIRST_DAY;
  const days = options.days ?? DAYS;
  writeFileSync(
    join(dir, 'site.yml'),
    [
      'title: Bench Economy Watch',
      'description: A synthetic curated site for the Broadsheet benchmark.',
      `url: https://${CORPUS_HOST}/`,
      'language: en',
      'timezone: Asia/Seoul',
      `idDate: "${CORPUS_ID_DATE}"`,
      'author:',
      '  name: Bench editors',
      '  email: editors@bench.example.org',
      'feed:',
      `  limit: ${feedLimit}`,
      '',
    ].join('\n'),
  );

  const entries: GeneratedEntry[] = [];
  const madeDirs = new Set<string>();
  let bytes = 0;
  let newest = 0;
  for (let n = 0; n < options.count; n++) {
    const day = int(0, days - 1);
    const civil = new Date(firstDay + day * 86_400_000);
    const y = civil.getUTCFullYear();
    const ymd = `${y}-${pad(civil.getUTCMonth() + 1)}-${pad(civil.getUTCDate())}`;
    let dateText: string;
    let date: number;
    if (random() < 0.7 || options.dateTimes === false) {
      dateText = ymd; // midnight in the site's zone
      date = firstDay + day * 86_400_000 - ZONE_OFFSET_MS;
    } else {
      const minutes = int(0, 24 * 60 - 1);
      const hhmm = `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
      const utc = random() < 0.5;
      dateText = `${ymd}T${hhmm}:00${utc ? 'Z' : '+09:00'}`;
      date = firstDay + day * 86_400_000 + minutes * 60_000 - (utc ? 0 : ZONE_OFFSET_MS);
    }
    newest = Math.max(newest, date);

    const tagCount = int(1, 4);
    const tagIndexes: number[] = [];
    while (tagIndexes.length < tagCount) {
      const t = pickTag();
      if (!tagIndexes.includes(t)) tagIndexes.push(t);
    }
    const tags = tagIndexes.map((i) => TAGS[i]!);
    const titleWords = int(5, 10);
    const title = sentence(titleWords).slice(0, -1);
    const slug = `${title.toLowerCase().split(' ').slice(0, 5).join('-')}-${n}`;
    const key = `entries/${y}/${slug}.md`;
    const id = `${y}/${slug}`;
    const [sourceName, sourceUrl] = pick(SOURCES);
    const draft = n % 250 === 249;

    const fm: string[] = ['---', `title: "${title}"`, `url: ${sourceUrl}${y}/${pad(civil.getUTCMonth() + 1)}/${slug}/`];
    if (random() < 0.6) fm.push('source:', `  name: ${sourceName}`, `  url: ${sourceUrl}`);
    else fm.push(`source: ${sourceName}`);
    fm.push(`date: ${dateText}`);
    if (random() < 0.05) fm.push(`updated: ${ymd}T23:59:00+09:00`);
    fm.push(`tags: [${tags.map((tag) => tag.name).join(', ')}]`);
    if (random() < 0.5) fm.push(`summary: ${sentence(int(12, 25))}`);
    if (random() < 0.1) fm.push('related:', `  - title: ${sentence(5).slice(0, -1)}`, `    url: https://www.example.com/analysis/${n}`);
    if (random() < 0.05) fm.push(`image: https://images.example.com/${n}.jpg`);
    if (draft) fm.push('draft: true');
    fm.push('---');

    const paragraphs = int(2, 4);
    const words = int(150, 300);
    const body: string[] = [];
    const linkIn = int(0, paragraphs - 1);
    for (let p = 0; p < paragraphs; p++) {
      let text = paragraph(Math.max(20, Math.floor(words / paragraphs)));
      if (p === linkIn) text += ` See [the ${sourceName} report](${sourceUrl}reports/${n}) for the *full* figures.`;
      body.push(text);
    }
    const file = `${fm.join('\n')}\n${body.join('\n\n')}\n`;

    const folder = join(dir, 'entries', String(y));
    if (!madeDirs.has(folder)) {
      mkdirSync(folder, { recursive: true });
      madeDirs.add(folder);
    }
    writeFileSync(join(folder, `${slug}.md`), file);
    bytes += Buffer.byteLength(file);
    entries.push({ key, id, date, tagSlugs: tags.map((tag) => tag.slug), draft });
  }
  return { dir, host: CORPUS_HOST, idDate: CORPUS_ID_DATE, feedLimit, newest, entries, tags: TAGS, bytes };
}
