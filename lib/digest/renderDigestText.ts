import { archiveLinkLabel, emptyWeekText, type DigestModel } from './digestModel.js';
import { cleanText } from '../shared/xmlText.js';
import { countOf } from '../shared/countOf.js';
import { columns, WIDTH, wrapLines } from '../shared/wrapText.js';
import { withDirectionClosed } from '../shared/directionControls.js';
import { digestName } from '../shared/digestName.js';
import { footerSentence } from './footerSentence.js';
import type { DigestCut, PartSize } from './digestHtml.js';

export interface DigestTextOptions {
  /** `email` ends with the view-in-browser and unsubscribe links; `archive` with the archive links. */
  variant: 'email' | 'archive';
  /** The unsubscribe URL (email only). */
  unsubscribeUrl?: string;
  /** The subscriber's preferences URL, where they choose their topics (email only, when the site serves it). */
  preferencesUrl?: string;
  /**
   * The email's size budget in bytes, as for its HTML (digest.maxBytes), counted as sent (lib/digest/sizeAsSent.ts):
   * entries past it are listed by title and link only, after the full digest's link. The archive is never cut.
   */
  maxBytes?: number;
  /** How `maxBytes` counts the bytes, as sent (sizeAsSent, given by the message's builder); needed with it. */
  sizeAsSent?: PartSize;
  /**
   * Where the HTML part was cut (renderDigestEmail), with `maxBytes`: the text holds the same entries in full and
   * lists the same titles after them, so that both parts carry the same content. Fewer only where the text with them
   * would pass its own budget, which its own count still guards. Without it, the text cuts by its budget alone.
   */
  cut?: DigestCut;
}

/**
 * Bytes kept beyond what the lines count: the encoder wraps a part in the chunks it is handed, and may break a line
 * once more where a chunk ends (a soft break, 3 bytes, each 16 KiB at most).
 */
const ENCODER_SLACK = 64;

/**
 * The plain-text part: the same content as the HTML, in the same order, wrapped at 72 columns
 * (RFC 5322 §2.1.1 asks for lines of at most 78 characters), URLs on lines of their own so that they stay clickable.
 */
export function renderDigestText(model: DigestModel, options: DigestTextOptions): string {
  const { site, entries } = model;
  // Lines are pushed as they are made (joined once: a flat string, where appending made a rope to flatten later);
  // wrap's arrays and their copies were most of the cost of a large archive.
  // Every text goes through line or wrapLines, which clean it (cleanText) before laying it out.
  const lines: string[] = [];
  const line = (text: string) => {
    const clean = cleanText(text);
    lines.push(endsInWhiteSpace(clean) ? clean.replace(TRAILING_SPACE, '') : clean);
  };
  // wrap's lines never end in white space: it collapses and trims the text.
  const wrapped = (text: string) => {
    lines.push(text);
  };
  // Cleaned here too: its underline is as long as its longest line.
  const heading: string[] = [];
  wrapLines(cleanText(digestName(site.title, field)), '', (text) => heading.push(text));
  for (const text of heading) line(text);
  line('='.repeat(Math.min(Math.max(...heading.map(columns)), WIDTH)));
  line(model.rangeText);
  const count = entries.length;
  line(`${count === 0 ? 'No new entries this week' : countOf(count, 'entry', 'entries')} · Week ${model.week.weekNumber} of ${model.week.weekYear}`);
  lines.push('');
  if (count === 0) {
    wrapLines(emptyWeekText(site), '', wrapped);
    lines.push('');
  }
  // The archive, and an email within its budget, hold every entry in full. An email over it keeps in full the
  // entries its HTML part does (`cut`), as many as leave room for the others' titles and links.
  const capture = (render: () => void): string[] => {
    const from = lines.length;
    render();
    return lines.splice(from);
  };
  // The lines after the entries, made first where the budget must leave room for them (they hold the site's title).
  let footerLines: string[] | undefined;
  let budget = Infinity;
  const sizeAsSent = options.sizeAsSent;
  // Quoted-printable encodes each line apart (a soft break never crosses a line end), so lines' sizes add up.
  const sizeOf = (part: readonly string[]) => part.reduce((sum, text) => sum + sizeAsSent!(text) + 2, 0);
  if (options.variant === 'email' && options.maxBytes !== undefined) {
    if (sizeAsSent === undefined) throw new TypeError('an email is cut to its budget as sent: give renderDigestText sizeAsSent with maxBytes');
    footerLines = capture(footer);
    budget = options.maxBytes - ENCODER_SLACK - sizeOf(footerLines);
  }
  const most = options.cut ?? { full: count, titles: 0 };
  if (budget === Infinity) for (let index = 0; index < count; index++) fullEntry(index);
  else {
    const full = entries.map((_entry, index) => capture(() => fullEntry(index)));
    const fullSizes = full.map(sizeOf);
    let used = sizeOf(lines);
    if (most.full >= count && used + fullSizes.reduce((sum, size) => sum + size, 0) <= budget) for (const part of full) lines.push(...part);
    else {
      const titled = entries.map((entry, index) => capture(() => titleOnly(entry, index)));
      const titleSizes = titled.map(sizeOf);
      const head = capture(() => {
        lines.push('More this week', '--------------');
        wrapLines(`The rest of this digest, by title. Read it in full: ${model.urls.html}`, '', wrapped);
        lines.push('');
      });
      // The most entries in full that leave room for the head and every other title; none when even those overflow.
      let rest = sizeOf(head) + titleSizes.reduce((sum, size) => sum + size, 0);
      let cut = 0;
      while (cut < Math.min(count, most.full) && used + fullSizes[cut]! + rest - titleSizes[cut]! <= budget) {
        used += fullSizes[cut]!;
        rest -= titleSizes[cut]!;
        cut++;
      }
      for (let index = 0; index < cut; index++) lines.push(...full[index]!);
      lines.push(...head);
      used += sizeOf(head);
      for (let index = cut; index < count; index++) {
        if (index >= most.full + most.titles || used + titleSizes[index]! > budget) {
          line(`… and ${count - index} more in the full digest.`);
          break;
        }
        lines.push(...titled[index]!);
        used += titleSizes[index]!;
      }
      lines.push('');
    }
  }
  /**
   * `text` wrapped under a hanging `marker` (a number, a bullet) set after `outer`: its first line starts with the
   * marker, the next ones under its text, indented by the marker's width. The indent the lines after it take is returned.
   */
  function hanging(marker: string, text: string, outer = ''): string {
    const width = outer.length + marker.length;
    const indent = INDENTS[width] ?? ' '.repeat(width);
    let first = true;
    wrapLines(text, indent, (textLine) => {
      wrapped(first ? outer + marker + textLine.slice(indent.length) : textLine);
      first = false;
    });
    // A text of white space only still shows its marker.
    if (first) wrapped(outer + marker.trimEnd());
    return indent;
  }
  /**
   * `source · date`, wrapped with ` · date` kept whole after the source's last word: a long name would otherwise leave
   * a line that starts with the `·`, or cut the date in two.
   */
  function sourceAndDate(source: string, date: string, indent: string): void {
    const tail = ` · ${date}`;
    const sourceLines: string[] = [];
    wrapLines(source, indent, (text) => sourceLines.push(text));
    const last = sourceLines.pop();
    // A source of white space only: the date after its dot, as before.
    if (last === undefined) return wrapLines(`${source}${tail}`, indent, wrapped);
    for (const text of sourceLines) wrapped(text);
    const space = last.lastIndexOf(' ');
    if (columns(last) + columns(tail) <= WIDTH || space < indent.length) return wrapped(last + tail);
    // At the space before the last word, which goes on with ` · date`; a word too long for a line stays whole.
    wrapped(last.slice(0, space));
    wrapped(indent + last.slice(space + 1) + tail);
  }
  function titleOnly(entry: DigestModel['entries'][number], index: number): void {
    line(hanging(`${index + 1}. `, field(entry.title)) + entry.url);
  }
  function fullEntry(index: number): void {
    const entry = entries[index]!;
    const indent = hanging(`${index + 1}. `, field(entry.title));
    line(indent + entry.url);
    sourceAndDate(field(entry.source.name), entry.dateText, indent);
    if (entry.summary) {
      lines.push('');
      wrapLines(entry.summary, indent, wrapped);
    }
    if (entry.related.length > 0) {
      lines.push('', `${indent}Related:`);
      for (const link of entry.related) line(hanging('- ', field(link.title), indent) + link.url);
    }
    if (entry.tags.length > 0) {
      lines.push('');
      wrapLines(`Tags: ${entry.tags.map((tag) => field(tag.name)).join(', ')}`, indent, wrapped);
    }
    lines.push('');
  }
  if (footerLines) lines.push(...footerLines);
  else footer();
  return lines.join('\n') + '\n';

  // RFC 3676 §4.3: the signature separator keeps its space. Each URL has a line of its own, after a label, as the
  // entries' do: none ends against punctuation a reader would take for part of it (RFC 3986 Appendix C).
  function footer(): void {
    lines.push('-- ');
    if (options.variant === 'email') {
      wrapLines(footerSentence(model, 'email', { title: field, topic: field }), '', wrapped);
      line(`Site: ${site.url}`);
      line(`${archiveLinkLabel(model)}: ${model.urls.html}`);
      // The HTML footer's links, in its order (renderDigestHtml): the same content in both parts.
      line(`All digests: ${model.urls.index}`);
      if (options.preferencesUrl) line(`Your topics: ${options.preferencesUrl}`);
      if (options.unsubscribeUrl) line(`Unsubscribe: ${options.unsubscribeUrl}`);
    } else {
      wrapLines(`${footerSentence(model, 'archive', { title: field, topic: field })} ${field(site.description)}`, '', wrapped);
      line(`Site: ${site.url}`);
      line(`All digests: ${model.urls.index}`);
      line(`Digest feed: ${model.urls.feed}`);
    }
  }
}

// A typed field in a line of other text: a direction control it leaves open would turn the rest of the line around.
const field = withDirectionClosed;
const TRAILING_SPACE = /\s+$/;
const WHITE_SPACE = /\s/;
// Indents for entry numbers of up to four digits ("9999. "), and for a related link's bullet under one ("9999. " and "- ").
const INDENTS = Array.from({ length: 9 }, (_, width) => ' '.repeat(width));

/** Whether a line ends in white space (`\s`): its last character, tested by code first (every ASCII letter, digit and mark passes). */
function endsInWhiteSpace(text: string): boolean {
  if (text.length === 0) return false;
  const last = text.charCodeAt(text.length - 1);
  if (last > 32 && last < 0x85) return false;
  return WHITE_SPACE.test(text[text.length - 1]!);
}
