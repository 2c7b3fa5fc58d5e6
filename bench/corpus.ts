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
  /**
   * The entries' words: English (default), or 'korean-thai', every other entry Korean (Hangul, spaces between words)
   * and the rest Thai (no spaces between words, a space between sentences), for the mail's wrapping of text measured
   * in columns (lib/shared/wrapText.ts). The same seed draws the same dates, tags and sources either way.
   */
  script?: 'english' | 'korean-thai';
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
// The same subject in Korean: nouns, particles attached as written, and sentence endings.
const KOREAN_WORDS = (
  '경제 시장 무역 가격 쌀값 석탄 철광석 수출 수입 국경 세관 통계 분석가들은 보고서 당국자 정부 국영기업 농민 노동자 ' +
  '임금 환율 원화 위안화 달러 은행 대출 예산 계획 개혁 경제특구 투자 중국 러시아 남한 북한 평양 신의주 단둥 라선 개성 ' +
  '항구 철도 도로 다리 전력망 부족 수확 장마철 강우량 가뭄 홍수 비료 연료 석유 선박 제재 단속 밀수 상인들 장마당 ' +
  '소비자 수요 공급 성장 감소 추정 조사 그러나 여전히 또한 올해 지난달 크게 소폭 올랐다 내렸다 발표했다 밝혔다 ' +
  '있다 했다 것으로 나타났다 분기 연간 최저 최고 안정적인 급격한 지역 전국 해외 소식통에 따르면'
).split(' ');
// Particles written onto a Korean word (topic, subject, object, possessive, place, means, also…): a real week's text
// holds a noun in many forms, each a word of its own to the wrap.
const KOREAN_PARTICLES = ['은', '는', '이', '가', '을', '를', '의', '에', '에서', '으로', '와', '과', '도', '만', '까지', '부터'];
// Thai words, written one after another without spaces (Intl.Segmenter finds them again).
const THAI_WORDS = (
  'เศรษฐกิจ ตลาด การค้า ราคา ข้าว ถ่านหิน แร่เหล็ก การส่งออก การนำเข้า ชายแดน ศุลกากร ตัวเลข ข้อมูล นักวิเคราะห์ รายงาน ' +
  'เจ้าหน้าที่ รัฐบาล รัฐวิสาหกิจ เกษตรกร แรงงาน ค่าจ้าง สกุลเงิน อัตราแลกเปลี่ยน ธนาคาร เงินกู้ งบประมาณ แผน การปฏิรูป ' +
  'เขตเศรษฐกิจพิเศษ การลงทุน จีน รัสเซีย เกาหลีใต้ เกาหลีเหนือ เปียงยาง ท่าเรือ รถไฟ ถนน สะพาน ไฟฟ้า การขาดแคลน ' +
  'การเก็บเกี่ยว ฤดูฝน ภัยแล้ง น้ำท่วม ปุ๋ย เชื้อเพลิง น้ำมัน เรือ การคว่ำบาตร การลักลอบ พ่อค้า ผู้บริโภค ความต้องการ ' +
  'อุปทาน การเติบโต ลดลง เพิ่มขึ้น ประมาณ การสำรวจ แต่ ยังคง และ ของ ใน ที่ ปีนี้ เดือนที่แล้ว อย่างมาก เล็กน้อย ไตรมาส ' +
  'ประจำปี ต่ำสุด สูงสุด คงที่ ท้องถิ่น ระดับชาติ ต่างประเทศ แหล่งข่าว ระบุว่า'
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
  // A stream of its own, so that Korean particles leave the dates, tags and sources the seed draws as they are.
  const particles = prng((options.seed ?? 20140422) ^ 0x6b6f);
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
  // The current entry's words, and what goes between them and at a sentence's end.
  let words = WORDS;
  let between = ' ';
  let stop = '.';
  const phrase = (count: number) => {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(words === KOREAN_WORDS && particles() < 0.5 ? pick(words) + KOREAN_PARTICLES[Math.floor(particles() * KOREAN_PARTICLES.length)]! : pick(words));
    const text = out.join(between);
    return text[0]!.toUpperCase() + text.slice(1);
  };
  const sentence = (count: number) => phrase(count) + stop;
  const paragraph = (count: number) => {
    const sentences: string[] = [];
    let left = count;
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
    const language = options.script === 'korean-thai' ? (n % 2 === 0 ? 'ko' : 'th') : 'en';
    if (language !== 'en') [words, between, stop] = language === 'ko' ? [KOREAN_WORDS, ' ', '.'] : [THAI_WORDS, '', ''];
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
    const title = phrase(titleWords);
    // Only English titles make a slug: the others' files are named by their language and number.
    const slug = language === 'en' ? `${title.toLowerCase().split(' ').slice(0, 5).join('-')}-${n}` : `${language}-${n}`;
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
    if (random() < 0.1) fm.push('related:', `  - title: ${phrase(5)}`, `    url: https://www.example.com/analysis/${n}`);
    if (random() < 0.05) fm.push(`image: https://images.example.com/${n}.jpg`);
    if (draft) fm.push('draft: true');
    fm.push('---');

    const paragraphs = int(2, 4);
    const bodyWords = int(150, 300);
    const body: string[] = [];
    const linkIn = int(0, paragraphs - 1);
    for (let p = 0; p < paragraphs; p++) {
      let text = paragraph(Math.max(20, Math.floor(bodyWords / paragraphs)));
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
