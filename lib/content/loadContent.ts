import { createHash } from 'node:crypto';
import { ContentError, ObjectTooLargeError, StoreError, UnreadableFileError, type Problem } from '../shared/errors.js';
import { quote } from '../shared/quote.js';
import { INVISIBLE } from '../shared/invisible.js';
import type { ContentScan } from './contentScan.js';
import { ENTRIES_PREFIX, FLATTENED_ENTRIES_PREFIX } from './contentKeys.js';
import { parseEntry, type EntryMeta, type EntryParse, type Tag } from './entry.js';
import { opensWithFrontMatter } from './frontMatter.js';
import { isDecomposedFileNameWarning } from './decomposedFileName.js';
import { repeatedEntries } from './repeatedEntries.js';
import { groupBy } from '../shared/groupBy.js';
import { listSome } from '../shared/listSome.js';
import { entryPageDir } from '../shared/entryPageDir.js';
import { tagSlugCollisions } from './tagSlugCollisions.js';
import { tagSpacingVariants } from './tagSpacingVariants.js';
import { tagTypos } from './tagTypos.js';
import { invalidUtf8Offset, notUtf8 } from '../shared/invalidUtf8Offset.js';
import { EntryIndex, type PreviousEntry } from './entryIndex.js';
import { BodyCache } from './bodyCache.js';
import type { IndexRecord } from './indexRecordCodec.js';
import { mapLimit } from '../shared/mapLimit.js';
import { dateOutliers } from './dateOutliers.js';
import { entryFieldLines } from './entryFieldLines.js';
import { digestArchiveSpanProblem, emptyWeeksStart } from './digestArchiveSpan.js';
import { ENTRY_READ, entrySizeProblem, oversizeProblem } from './entrySize.js';
import { siteSizeProblem } from './siteSize.js';
import { parseSite, SITE_FILE, type Site } from './site.js';
import { getText, isSafeKey, type SpecialFile, type Store, type StoredObject } from '../store/store.js';
import { timed, type Timings } from '../shared/timings.js';
import { isRacy } from '../store/isRacy.js';
import { codePointName } from '../shared/codePointName.js';
import { isPublishedAt } from './isPublishedAt.js';
import { icloudPlaceholderEntry } from './icloudPlaceholder.js';
import { wordOwnerFiles } from './wordOwnerFile.js';
import { siteNotFound } from './siteNotFound.js';
import { syncCopyName } from './syncCopyName.js';
import { rtfOpensWithFrontMatter } from './rtfOpensWithFrontMatter.js';
import { isUnreadableFile, unreadableFile } from './unreadableFile.js';
import { boilerplateWarning } from './boilerplateParagraph.js';
import type { SummaryCut } from './firstParagraph.js';
import { shortenedSummaryWarning } from './shortenedSummaryWarning.js';
import { keyFileName } from '../shared/keyFileName.js';
import { slugify } from '../shared/slug.js';
import { keyFolder } from '../shared/keyFolder.js';
import { withoutTrailing } from './withoutTrailing.js';
import { detachedText } from '../shared/detachedText.js';

export interface LoadedContent {
  /** Where the entries were read from, and their bodies are read from when rendered. */
  content: Store;
  site: Site;
  /** The valid entries, drafts and embargoed ones included, in key order. */
  entries: EntryMeta[];
  /** Every problem with the entries, duplicate ids included, in file order. */
  problems: Problem[];
  /** Keys of entry files with problems. */
  invalidKeys: Set<string>;
  warnings: Problem[];
  index: EntryIndex;
  /** The bodies of the entries read, kept for their render (LoadOptions.keepBodies); empty without that option. */
  bodies: BodyCache;
  /** Every entry file's key, valid or not. */
  keys: string[];
  /** What the entry index held, before this load, for the entry files gone or read again: where ids may have changed. */
  before: EntryBefore;
}

/** The entries the stored index knew for files now gone or changed, and the keys read again (new or changed files). */
export interface EntryBefore {
  entries: PreviousEntry[];
  reread: ReadonlySet<string>;
  /**
   * The mailed weeks the index kept with files gone or read again that were invalid at the last publish (no entry):
   * an email carried each, and the file is the entry it was (IndexRecord.mailedIn). By file.
   */
  mailedIn?: ReadonlyMap<string, readonly string[]>;
  /** The ids published once that no entry published at the last publish, as published (EntryIndex.out). */
  out?: readonly PreviousEntry[];
}

export interface LoadOptions {
  /** Where the parse cache lives (`_broadsheet/index.json`); without it every entry is read. */
  cacheStore?: Store;
  timings?: Timings;
  /** Concurrent reads (default 32). */
  concurrency?: number;
  /**
   * Gives each entry without a summary its body's first paragraph (the summary the feeds, the pages and the digest
   * show), while its file is in memory anyway: a publish then never reads those files a second time. A published
   * entry left with none is warned about, and so is each paragraph of an email's boilerplate it passes over (the
   * second argument collects them, boilerplateParagraph), and so is one cut to a summary's length (the third argument
   * says so, SummaryCut). Default: none (and no such warning).
   */
  summarize?: (body: string, passedOver?: string[], shortened?: SummaryCut) => string;
  /**
   * Characters of Markdown bodies to keep for the render that follows (BodyCache), so that it does not read those
   * files again, each counted as its whole file. Only valid entries that are not drafts are kept, in the order read.
   * Default 0: none.
   */
  keepBodies?: number;
  /**
   * Keep the parsed entries (default true). `check` needs only the problems and the ids: without the entries,
   * each file is only validated (parseEntry's `validateOnly`: no entry is built, and only its id, date, tags, url and
   * draft are kept), and `entries` is empty. Not with `cacheStore`: the index would keep no entries.
   */
  retainEntries?: boolean;
  /**
   * Accept content with no entry file (default false). A site with none is refused: `entries/` gone, mistyped or
   * synced away would otherwise publish an empty site over the live one. Only `broadsheet new`, which writes the
   * first entry, loads such a site.
   */
  allowNoEntries?: boolean;
  /**
   * A moment (ms) on the content file system's clock, taken before the scan: a file whose mtime is not safely older
   * (lib/store/isRacy.ts) is kept in the index with its text's hash, and read again by the next load. Default: no
   * version is racy.
   */
  readAt?: number;
  /**
   * The moment (ms) that decides which entries are published, as the plan at it decides: the newest of them names each
   * tag (a renaming spelling is warned of, tagSpacingVariants). Default: every dated entry that is not a draft.
   */
  now?: number;
}

/**
 * Parses site.yml and reads the front matter of every entry the scan listed (scanContent). Bodies are kept only
 * within `keepBodies`, for a render that follows: only the entries some output includes are rendered later. A bad
 * site.yml throws ContentError, since no entry can be read without its time zone; entry problems are returned, all
 * of them.
 */
export async function loadContent(scan: ContentScan, options: LoadOptions = {}): Promise<LoadedContent> {
  const { content, siteText, listed } = scan;
  if (scan.siteTooLarge !== undefined) throw new ContentError([siteSizeProblem(scan.siteTooLarge)]);
  if (siteText === undefined) {
    throw new ContentError([await siteNotFound(content, 'create site.yml with title, description, url, language and timezone, or pass --content DIR')]);
  }
  if (scan.siteInvalid !== undefined) throw new ContentError([notUtf8(SITE_FILE, scan.siteInvalid.bytes, scan.siteInvalid.offset)]);
  const parsedSite = parseSite(siteText);
  const owners = await wordOwnerFiles(content, listed);
  const files = entryFiles(listed, owners);
  const none = options.allowNoEntries || files.length > 0 ? undefined : [noEntriesProblem(content, listed, scan.links ?? []), ...(await entriesOutside(content))];
  if (!parsedSite.site) {
    // Still report the entries' own problems and warnings, reading their dates in UTC, so one run shows everything.
    const entryProblems: Problem[] = [];
    const entryWarnings: Problem[] = [];
    for (const file of files) {
      if (!isSafeKey(file.key)) {
        entryProblems.push(unsafeName(file.key));
        continue;
      }
      const text = await readEntryText(content, file.key, undefined);
      if (typeof text !== 'string') {
        entryProblems.push(text);
        continue;
      }
      const tooLarge = entrySizeProblem(file.key, text);
      if (tooLarge) {
        entryProblems.push(tooLarge);
        continue;
      }
      const parsed = parseEntry(text, file.key, { timezone: 'UTC' });
      entryProblems.push(...parsed.problems);
      entryWarnings.push(...parsed.warnings);
    }
    throw new ContentError([...parsedSite.problems, ...(none ?? []), ...entryProblems], { warnings: [...parsedSite.warnings, ...entryWarnings] });
  }
  const site = parsedSite.site;
  // Not an entry's problem: --skip-invalid cannot leave it out.
  if (none) throw new ContentError(none);

  const context = () => EntryIndex.contextFor(siteText);
  const index = options.cacheStore ? await timed(options.timings, 'read', () => EntryIndex.load(options.cacheStore!, context(), site.timezone)) : new EntryIndex(context, site.timezone);

  // Without a cache every file is stale, and the versions are never compared: a local store then never stats.
  const staleKeys = new Set<string>();
  const suspect: StoredObject[] = [];
  for (const file of files) {
    const record = index.records.get(file.key);
    if (!record || record.version !== file.version) staleKeys.add(file.key);
    else if (record.racy) suspect.push(file);
  }
  // A version racy when it was read (lib/store/isRacy.ts) may stand for a later save too: the file is read again, and
  // is stale only if its text's hash differs. The texts of those that changed wait for their parse below.
  const suspectTexts = new Map<string, string>();
  await mapLimit(suspect, options.concurrency ?? 32, async (file) => {
    const record = index.records.get(file.key)!;
    const text = await readEntryText(content, file.key, file);
    if (typeof text === 'string' && contentHashOf(text) === record.contentHash) {
      if (!isRacy(file, options.readAt)) {
        delete record.racy;
        index.markChanged();
      }
      return;
    }
    if (typeof text === 'string') suspectTexts.set(file.key, text);
    staleKeys.add(file.key);
  });
  const stale = files.filter((file) => staleKeys.has(file.key));
  // Each file is parsed as soon as it is read, so no more than `concurrency` texts are held at once, however
  // many entries there are. Reads overlap one another but never the parsing (one thread), so the read
  // phase is the loop's wall time less the parsing.
  if (stale.length > 0) index.markChanged();
  const mailedIn = new Map<string, readonly string[]>();
  const before: EntryBefore = { entries: [], reread: new Set(stale.map((file) => file.key)), mailedIn, out: index.out };
  const listedKeys = new Set(files.map((file) => file.key));
  const goneOrReread = (key: string) => !listedKeys.has(key) || before.reread.has(key);
  for (const [key, record] of index.records) {
    if (!goneOrReread(key)) continue;
    if (record.entry) before.entries.push(record.mailedIn ? { ...record.entry, mailedIn: record.mailedIn } : record.entry);
    else if (record.mailedIn) mailedIn.set(key, record.mailedIn);
  }
  // An index made for another site.yml or code holds no record, but what was published still is.
  for (const previous of index.previous) if (goneOrReread(previous.key)) before.entries.push(previous);
  for (const [key, weeks] of index.previousMailedIn) if (goneOrReread(key)) mailedIn.set(key, weeks);
  // Whether a re-read file's entry was published under `id` (EntryIndex.out too: taken down since), which keeps an id a
  // newer rule refuses (ParseEntryOptions.publishedUnder). Asked only of such an id.
  const publishedUnder = (key: string, id: string) =>
    (before.out ?? []).some((old) => old.key === key && old.id === id) || before.entries.some((old) => old.key === key && old.id === id && isPublishedAt(old, options.now ?? Infinity));
  const started = performance.now();
  let parseMs = 0;
  const retain = options.retainEntries ?? true;
  const bodies = new BodyCache(options.keepBodies ?? 0);
  // Without the entries, the id and date of each valid one, for the duplicate check and the date range.
  const idOf = new Map<string, string>();
  const dateOf = new Map<string, number>();
  const updatedOf = new Map<string, number>();
  const draftKeys = new Set<string>();
  // And its tags and url, for the checks across entries. A value parsed out of a file can be a slice of the
  // file's whole text, which keeping the value would keep: only copies are kept, each tag name once.
  const tagsOf = new Map<string, Tag[]>();
  const mergedTagsOf = new Map<string, Tag[]>();
  const tagIndexesOf = new Map<string, number[]>();
  const urlOf = new Map<string, string>();
  const pool = new Map<string, string>();
  const pooled = (text: string): string => {
    let kept = pool.get(text);
    if (kept === undefined) pool.set((kept = detachedText(text)), kept);
    return kept;
  };
  const pooledTags = (tags: readonly Tag[]): Tag[] => tags.map((tag) => ({ name: pooled(tag.name), slug: pooled(tag.slug) }));
  await mapLimit(stale, options.concurrency ?? 32, async (file) => {
    // A key no store can read (a backslash in a file name, an S3 key with `..`) is that file's problem alone.
    if (!isSafeKey(file.key)) {
      const record: IndexRecord = options.cacheStore ? { version: file.version } : new ListedRecord(file);
      record.problems = [unsafeName(file.key)];
      index.records.set(file.key, record);
      return;
    }
    // With a cache, each record keeps its file's version: a local store then takes it from the read.
    const reread = suspectTexts.get(file.key);
    suspectTexts.delete(file.key);
    const text = reread ?? (await readEntryText(content, file.key, options.cacheStore ? file : undefined));
    const record: IndexRecord = options.cacheStore ? { version: file.version } : new ListedRecord(file);
    if (typeof text !== 'string') {
      record.problems = [text];
      // Read again by the next load, as a racy version is: a fix of the file's permissions leaves its version.
      if (options.cacheStore && isUnreadableFile(text)) record.racy = true;
      index.records.set(file.key, record);
      return;
    }
    // A racy version is kept with the text's hash, which the next load compares, and which tells this text's outputs
    // from those of another text under the same version (recordVersion).
    if (options.cacheStore && isRacy(file, options.readAt)) {
      record.contentHash = contentHashOf(text);
      record.racy = true;
    }
    // A decoder puts U+FFFD where the bytes are not UTF-8: only then are the bytes read again, to tell.
    const bytes = text.includes('\uFFFD') ? ((await content.get(file.key, ENTRY_READ)) ?? Buffer.alloc(0)) : undefined;
    const invalidAt = bytes && invalidUtf8Offset(bytes);
    const parseStarted = performance.now();
    const tooLarge = entrySizeProblem(file.key, text);
    if (tooLarge) {
      record.problems = [tooLarge];
      index.records.set(file.key, record);
      parseMs += performance.now() - parseStarted;
      return;
    }
    const parsed: EntryParse = invalidAt === undefined ? parseEntry(text, file.key, site, { validateOnly: !retain, publishedUnder: (id) => publishedUnder(file.key, id) }) : { problems: [notUtf8(file.key, bytes!, invalidAt)], warnings: [] };
    if (parsed.entry) record.entry = parsed.entry;
    else if (parsed.id !== undefined) {
      idOf.set(file.key, parsed.id);
      if (parsed.date !== undefined) dateOf.set(file.key, parsed.date);
      if (parsed.updated !== undefined) updatedOf.set(file.key, parsed.updated);
      if (parsed.draft) draftKeys.add(file.key);
      if (parsed.tags?.length) tagsOf.set(file.key, pooledTags(parsed.tags));
      if (parsed.mergedTags) mergedTagsOf.set(file.key, pooledTags(parsed.mergedTags));
      if (parsed.tagIndexes) tagIndexesOf.set(file.key, parsed.tagIndexes);
      if (parsed.url !== undefined) urlOf.set(file.key, detachedText(parsed.url));
    }
    if (parsed.summaryGiven === false && options.summarize) {
      const passedOver: string[] = [];
      const shortened: SummaryCut = { cut: false };
      const firstParagraph = options.summarize(parsed.body ?? '', passedOver, shortened);
      if (parsed.entry) record.firstParagraph = firstParagraph;
      const published = !(parsed.entry?.draft ?? parsed.draft);
      // A body left empty is a link without commentary, as the editor chose: its item is a title and a link.
      if (firstParagraph === '' && parsed.body?.trim() && published) parsed.warnings.push(noSummary(file.key));
      if (shortened.cut && published) parsed.warnings.push(shortenedSummaryWarning(file.key));
      for (const text of new Set(passedOver)) parsed.warnings.push(boilerplateWarning(file.key, text));
    }
    if (parsed.entry && !parsed.entry.draft && parsed.body !== undefined) bodies.offer(file.key, parsed.body, text.length);
    if (parsed.problems.length) record.problems = parsed.problems;
    if (parsed.warnings.length) record.warnings = parsed.warnings;
    index.records.set(file.key, record);
    parseMs += performance.now() - parseStarted;
  });
  if (options.timings) {
    const phases = options.timings.phases;
    phases.set('read', (phases.get('read') ?? 0) + performance.now() - started - parseMs);
    phases.set('parse', (phases.get('parse') ?? 0) + parseMs);
  }

  const entries: EntryMeta[] = [];
  const identities: { key: string; id: string; tags: readonly Tag[]; mergedTags?: readonly Tag[]; tagIndexes?: readonly number[]; url: string; date?: number; draft?: boolean }[] = [];
  const problems: Problem[] = [];
  const warnings: Problem[] = [...parsedSite.warnings];
  const invalidKeys = new Set<string>();
  const folderProblems = new Set<string>();
  for (const file of files) {
    const record = index.records.get(file.key)!;
    if (record.entry) {
      entries.push(record.entry);
      identities.push(record.entry);
    } else if (idOf.has(file.key)) {
      const merged = mergedTagsOf.get(file.key);
      const date = dateOf.get(file.key);
      const tagIndexes = tagIndexesOf.get(file.key);
      identities.push({ key: file.key, id: idOf.get(file.key)!, tags: tagsOf.get(file.key) ?? [], ...(merged ? { mergedTags: merged } : {}), ...(tagIndexes ? { tagIndexes } : {}), url: urlOf.get(file.key)!, ...(date === undefined ? {} : { date }), draft: draftKeys.has(file.key) });
    }
    if (record.problems) {
      // A folder that cannot be entered is the problem of every file in it (UnreadableKind): named once.
      for (const problem of record.problems) {
        if (problem.file === file.key || !folderProblems.has(`${problem.file}\n${problem.message}`)) problems.push(problem);
        if (problem.file !== file.key) folderProblems.add(`${problem.file}\n${problem.message}`);
      }
      invalidKeys.add(file.key);
    }
    if (record.warnings) warnings.push(...record.warnings);
  }

  // An id names one entry forever; two files claiming it would make readers merge or drop one. When the entry
  // index says one of them already had it (a file copied to start another entry, its id: line kept), that one keeps
  // it: the copy alone is the problem, so --skip-invalid leaves the published entry as readers know it.
  const hadId = new Map<string, string>();
  for (const old of before.entries) hadId.set(old.key, old.id);
  // A file back from being left out (invalid, or deleted and restored) had the id it was published under (EntryIndex.out).
  const hadOutId = new Set((before.out ?? []).map((old) => `${old.key}\n${old.id}`));
  const hadItsId = (entry: { key: string; id: string }) =>
    before.reread.has(entry.key) ? hadId.get(entry.key) === entry.id || hadOutId.has(`${entry.key}\n${entry.id}`) : index.records.has(entry.key);
  for (const sharing of groupBy(identities, (entry) => entry.id)) {
    const holders = sharing.filter(hadItsId);
    const holder = holders.length === 1 ? holders[0] : undefined;
    for (const entry of sharing) {
      if (entry === holder) continue;
      const others = holder
        ? `${holder.key}, which had it in the last publish`
        : listSome(sharing, (other) => other === entry, sharing.length - 1, (other) => other.key);
      problems.push({ file: entry.key, field: 'id', message: `the id ${quote(entry.id)} is also used by ${others}`, fix: holder ? 'give this entry an id: of its own, or remove the duplicate file' : 'give one of them a different id: line, or remove the duplicate file' });
      invalidKeys.add(entry.key);
    }
  }
  // A page's folder is a function of the id (lib/shared/entryPageDir.ts): a plain id can spell another id's hashed
  // folder, and the two pages would be one file.
  const valid = identities.filter((entry) => !invalidKeys.has(entry.key));
  for (const sharing of groupBy(valid, (entry) => entryPageDir(entry.id))) {
    const dir = entryPageDir(sharing[0]!.id);
    for (const entry of sharing) {
      const others = listSome(sharing, (other) => other === entry, sharing.length - 1, (other) => `${other.key} (id ${quote(other.id)})`);
      problems.push({ file: entry.key, field: 'id', message: `the id ${quote(entry.id)} gives the page ${dir}, which ${others} also gives`, fix: 'give one of them a different id: line' });
      invalidKeys.add(entry.key);
    }
  }
  // The valid entries' dates, with or without the entries.
  const dated: { key: string; date: number; updated?: number }[] = [];
  const undrafted: number[] = [];
  for (const entry of identities) {
    if (invalidKeys.has(entry.key)) continue;
    const date = (entry as Partial<EntryMeta>).date ?? dateOf.get(entry.key);
    if (date === undefined) continue;
    const updated = (entry as Partial<EntryMeta>).updated ?? updatedOf.get(entry.key);
    dated.push({ key: entry.key, date, ...(updated === undefined ? {} : { updated }) });
    if (!((entry as Partial<EntryMeta>).draft ?? draftKeys.has(entry.key))) undrafted.push(date);
  }
  // Found once every file was let go: each file read again for its field's line, as a parse gives one.
  warnings.push(...(await entryFieldLines(content, dateOutliers(dated))));
  // check has no --now: the archive is measured to the newest entry not a draft (publish measures to its now too).
  // Only with sendEmpty is the archive longer than its entries' weeks: no sort of every date otherwise.
  if (site.digest.sendEmpty) {
    const sorted = Float64Array.from(undrafted).sort();
    const start = emptyWeeksStart(site.digest, site.timezone, sorted.length, (index) => sorted[index]!);
    const span = digestArchiveSpanProblem(site.digest, site.timezone, start, { at: sorted[sorted.length - 1] ?? 0, what: 'the newest entry' });
    if (span) problems.push(span);
  }
  const repeated = repeatedEntries(identities, hadItsId);
  for (const problem of repeated.problems) {
    problems.push(problem);
    invalidKeys.add(problem.file);
  }
  warnings.push(...repeated.warnings);
  const alike = new Set([...repeated.problems, ...repeated.warnings].map((problem) => problem.file));
  if (alike.size > 0) {
    const kept = warnings.filter((warning) => !(alike.has(warning.file) && isDecomposedFileNameWarning(warning)));
    warnings.splice(0, warnings.length, ...kept);
  }
  warnings.push(...tagSlugCollisions(identities, site.tagSlugs));
  warnings.push(...tagSpacingVariants(identities, options.now));
  warnings.push(...(await entryFieldLines(content, tagTypos(identities))));
  // An entry the last publish had whose file is now unreadable under its name (held in iCloud only, or saved under
  // another name) is a problem, as an invalid published entry is: a publish refuses, --skip-invalid takes it down.
  const published = new Set(before.entries.filter((entry) => isPublishedAt(entry, options.now ?? Infinity)).map((entry) => entry.key));
  const publishedGone = (key: string) => published.has(key) && !listedKeys.has(key);
  // A file under a name not read counts as the published entry only if it reads as one: a note beside it is no entry.
  const renamedGone = listed.filter((object) => !isHidden(object.key) && publishedGone(misnamedEntryKey(object.key) ?? ''));
  const entryLike = await openingWithFrontMatter(content, renamedGone);
  const posts = await htmlPosts(content, listed);
  const unreadable = new Map([...entryLike.unreadable, ...posts.unreadable]);
  const unpublished = unpublishedFiles(listed, scan.links ?? [], scan.placeholders ?? [], scan.specialFiles ?? [], posts.opening, publishedGone, (key) => entryLike.opening.has(key), owners, unreadable);
  warnings.push(...unpublished.warnings);
  // Only a folder holds such names (an unzip writes them); one more listing of its top, never an object store's LIST.
  if (content.listLinks) warnings.push(...(await content.list(FLATTENED_ENTRIES_PREFIX)).map(({ key }) => flattenedPath(key)));
  problems.push(...unpublished.problems);
  for (const key of unpublished.invalidKeys) invalidKeys.add(key);
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));

  return { content, site, entries: entries.filter((entry) => !invalidKeys.has(entry.key)), problems, invalidKeys, warnings, index, bodies, keys: files.map((file) => file.key), before };
}

/**
 * An entry file's text, or the problem of a file over the entry size limit, which the store refuses before reading
 * its bytes: downloaded whole, a 600 MB upload would take check past Node's longest string, and a Lambda past its
 * memory on every scheduled publish.
 */
async function readEntryText(content: Store, key: string, listed: StoredObject | undefined): Promise<string | Problem> {
  try {
    // Listed, yet nothing by that name: not an empty file (unreadableName).
    return (await getText(content, key, listed, ENTRY_READ)) ?? unreadableName(key);
  } catch (error) {
    if (error instanceof ObjectTooLargeError) return oversizeProblem(key, error.size);
    // Its problem alone, as an invalid entry's is: --skip-invalid publishes the others.
    if (error instanceof UnreadableFileError) return unreadableFile(error, 'move it out of entries/');
    throw error;
  }
}

/**
 * The entry files among the listed objects: `.md` files, outside hidden files and folders (a segment starting with `.`),
 * less Word's owner files (wordOwnerFile.ts) and sync tools' conflict copies beside their original (syncCopyName.ts),
 * which are refused unread.
 */
function entryFiles(listed: readonly StoredObject[], owners: ReadonlySet<string>): StoredObject[] {
  const listedKeys = new Set(listed.map((object) => object.key));
  const isConflictCopy = (key: string) => syncCopyName(key, (original) => listedKeys.has(original))?.conflict !== undefined;
  return listed.filter((object) => object.key.endsWith('.md') && !isHidden(object.key) && !owners.has(object.key) && !isConflictCopy(object.key));
}

/**
 * Whether a key is in a hidden file or folder: a segment that is a name starting with `.`. A `.` or `..` segment names
 * no file: an S3 key such as `entries/../a.md` is a file no store reads (unsafeName), reported, never skipped unseen.
 */
function isHidden(key: string): boolean {
  if (!key.startsWith('.') && !key.includes('/.')) return false;
  return key.split('/').some((segment) => segment.startsWith('.') && segment !== '.' && segment !== '..');
}

/**
 * The entry files of content with none under entries/ that lie outside it, each with the move: a `.md` file that opens
 * with front matter (a README stays quiet), as an editor puts `x.md` beside site.yml; and a name holding an entry's
 * path with backslashes (flattenedPath). Listed only when there is no entry: one listing of the whole content.
 */
async function entriesOutside(content: Store): Promise<Problem[]> {
  let listed: StoredObject[];
  try {
    listed = await content.list('');
  } catch (error) {
    // A folder that cannot be listed: these are hints, and the refusal stands without them.
    if (error instanceof StoreError) return [];
    throw error;
  }
  const outside = listed.filter((object) => !object.key.startsWith(ENTRIES_PREFIX) && !isHidden(object.key));
  const flattened = outside.filter((object) => object.key.startsWith(FLATTENED_ENTRIES_PREFIX) && object.key.endsWith('.md'));
  const { opening } = await openingWithFrontMatter(content, outside.filter((object) => object.key.endsWith('.md') && !object.key.startsWith(FLATTENED_ENTRIES_PREFIX)));
  // The one folder holding them all is entries/ under another name (`mv entries posts`), whatever that name is; but
  // a year's folder (`2014/`) is one of entries/'s own, put beside it.
  const folders = new Set([...opening].filter((key) => key.includes('/')).map((key) => key.slice(0, key.indexOf('/'))));
  const renamed = (folder: string) => /^entries/i.test(folder) || (folders.size === 1 && folders.has(folder) && !/^\d{4}$/.test(folder));
  const moves = [...opening].map((key): Problem => ({ file: key, field: 'file', message: 'opens with front matter as an entry does, but is outside entries/, and only files in entries/ are entries', fix: outsideMove(key, renamed) }));
  return [...moves, ...flattened.map(({ key }) => flattenedPath(key))].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * Where an entry file outside entries/ belongs. Under a folder that reads as entries/ renamed (`renamed`: named so, as
 * `entries2`, a copy's `entries copy`, `Entries`, or the only folder holding entries, as `posts`), its path under that
 * folder, with the rename back; else its path under entries/.
 */
function outsideMove(key: string, renamed: (folder: string) => boolean): string {
  const slash = key.indexOf('/');
  const folder = slash > 0 ? key.slice(0, slash) : '';
  if (!folder || !renamed(folder)) return `move it to ${ENTRIES_PREFIX}${key}`;
  return `move it to ${ENTRIES_PREFIX}${key.slice(slash + 1)}: ${folder}/ reads as the entries folder renamed, so rename ${folder}/ back to entries/`;
}

/** The problem of content whose listing (`listed`) holds no entry file at all. */
function noEntriesProblem(content: Store, listed: readonly StoredObject[], links: readonly string[]): Problem {
  // entries/ itself a symbolic link (cli/contentFolder.ts): never followed, since it may lead outside the content.
  if (links.some((key) => !key.startsWith(ENTRIES_PREFIX))) {
    return { file: ENTRIES_PREFIX, field: 'file', message: `is a symbolic link in ${content.description}, which is not followed (it may lead outside the content); publishing would leave the site with no entry`, fix: 'make entries/ a folder holding the entry files themselves (cp -RL)' };
  }
  const others = listed.length === 0 ? 'is missing, empty or not a folder' : `holds no .md file (${listed.length === 1 ? '1 other file' : `${listed.length} other files`}: only files ending in .md, lowercase, are entries)`;
  return {
    file: ENTRIES_PREFIX,
    field: 'file',
    message: `${others} in ${content.description}; publishing would leave the site with no entry`,
    fix: 'put the entry files (.md) back under entries/, or pass the --content folder that holds them; broadsheet new writes a first entry',
  };
}

// Extensions editors give Markdown; only a lowercase `.md` is an entry.
const MARKDOWN_EXTENSIONS = String.raw`\.(?:md|markdown|mdown|mkdn?|mdwn|mdtxt|mdtext)`;
const MARKDOWN_LIKE = new RegExp(`${MARKDOWN_EXTENSIONS}$`, 'i');
// The extension a text editor adds on saving after the one typed: Notepad's `entry.md.txt`, TextEdit's `entry.md.rtf`.
const EXTRA_EXTENSION = new RegExp(String.raw`${MARKDOWN_EXTENSIONS}\.(txt|rtf)$`, 'i');

/** A file an editor likely meant as an entry, under a name that is not read: why not, the fix, and the name to give it. */
interface Misnamed {
  reason: string;
  fix: string;
  name: string;
}

/** A file under entries/ saved with an extra extension, and the name to give it. */
function extraExtension(key: string): Misnamed | undefined {
  const found = EXTRA_EXTENSION.exec(key);
  if (!found) return undefined;
  const name = keyFileName(key).replace(EXTRA_EXTENSION, '.md');
  // An .rtf file holds RTF markup around the text: renamed, its markup would be published.
  const fix = found[1]!.toLowerCase() === 'rtf' ? `save it as plain text (TextEdit: Format > Make Plain Text) named ${name}` : `rename it to ${name}`;
  return { reason: `the editor saved it with an extra extension (.${found[1]}), and only files ending in .md are entries`, fix, name };
}

// What can follow a Markdown extension unseen in a listing: dots (Windows drops trailing ones, other systems keep
// them), whitespace of any kind and invisible characters (INVISIBLE: a zero-width space, a BOM, a variation selector).
const TRAILING_AFTER_MARKDOWN = new RegExp(String.raw`(${MARKDOWN_EXTENSIONS})([\s.${INVISIBLE}]+)$`, 'iu');

/** A file under entries/ whose name goes on after its Markdown extension with characters hard to see. */
function trailingAfterMarkdown(key: string): Misnamed | undefined {
  const name = keyFileName(key);
  const found = TRAILING_AFTER_MARKDOWN.exec(name);
  if (!found) return undefined;
  const tail = found[2]!;
  const codePoints = [...tail].map(codePointName).join(' ');
  const renamed = `${name.slice(0, found.index)}.md`;
  return { reason: `its name goes on after "${found[1]}" with ${JSON.stringify(tail)} (${codePoints}), and only files ending in .md are entries`, fix: `rename it to ${renamed}`, name: renamed };
}

// A Markdown extension alone, to compare a name's end with once its compatibility letters are folded (NFKC).
const MARKDOWN_EXTENSION = new RegExp(`^${MARKDOWN_EXTENSIONS}$`, 'i');

/**
 * A file under entries/ whose extension reads as a Markdown one but is written in other letters that fold to it
 * (NFKC, UAX #15): fullwidth `.ｍｄ`, as a Japanese or Chinese input method types it.
 */
function compatibilityExtension(key: string): Misnamed | undefined {
  const name = keyFileName(key);
  if (/^[\x00-\x7f]*$/.test(name)) return undefined;
  for (let length = 2; length <= Math.min(name.length, 12); length++) {
    const suffix = name.slice(-length);
    // An ASCII extension (`.md`, `.MD`) is an entry or has its own warning.
    if (!/[^\x00-\x7f]/.test(suffix) || !MARKDOWN_EXTENSION.test(suffix.normalize('NFKC'))) continue;
    const codePoints = [...suffix].filter((char) => char.charCodeAt(0) > 0x7f).map(codePointName).join(' ');
    const renamed = `${name.slice(0, -length)}.md`;
    return { reason: `its extension ${JSON.stringify(suffix)} only looks like a Markdown one (${codePoints}), and only files ending in .md are entries`, fix: `rename it to ${renamed}`, name: renamed };
  }
  return undefined;
}

/** A file under entries/ with a Markdown extension other than a lowercase `.md`: `X.MD`, `.markdown`. */
function otherMarkdownExtension(key: string): Misnamed | undefined {
  if (key.endsWith('.md') || !MARKDOWN_LIKE.test(key)) return undefined;
  const name = keyFileName(key).replace(MARKDOWN_LIKE, '.md');
  return { reason: 'only files ending in .md (lowercase) are entries', fix: `rename it to ${name}`, name };
}

/** A file under entries/ an editor likely meant as an entry, under a name that is not read (Misnamed). */
function misnamed(key: string): Misnamed | undefined {
  return extraExtension(key) ?? trailingAfterMarkdown(key) ?? compatibilityExtension(key) ?? otherMarkdownExtension(key);
}

/**
 * A fix naming a new entry's file, with a name whose stem holds white space (`Kaesong Wages.md`) given as its slug
 * instead (`kaesong-wages.md`), as broadsheet new names files: the stem becomes the entry's id, and its page's address.
 * A published entry's own name is kept (renamed back, its id stays).
 */
function slugNameFix(fix: string, name: string): string {
  const stem = name.slice(0, -'.md'.length);
  if (!/\s/u.test(stem)) return fix;
  const slugged = `${slugify(stem)}.md`;
  return `${fix.replace(name, slugged)}; the name, less .md, is the entry's id and its page's address, so no spaces, as broadsheet new names files`;
}

/** The entry file a misnamed file (Misnamed) would be under its right name. */
function misnamedEntryKey(key: string): string | undefined {
  const extra = misnamed(key);
  return extra && keyFolder(key) + extra.name;
}

/** What unpublishedFiles finds: warnings, and problems, each leaving out an entry file (`invalidKeys`). */
interface UnpublishedFiles {
  warnings: Problem[];
  problems: Problem[];
  invalidKeys: string[];
}

/**
 * Files under entries/ an editor likely meant as entries that are not read: `X.MD`, `.markdown` and the like, a
 * Markdown name a text editor added `.txt` or `.rtf` to (a plain `notes.txt` is the editor's own, and stays quiet), one
 * whose name goes on after its extension with dots, whitespace or invisible characters (`a.md `, `a.md.`), one whose
 * extension is written in letters that fold to `.md` (fullwidth `a.ｍｄ`), and
 * an `.html` or `.txt` file that begins with front matter (an exported post, an entry saved as text), symbolic links (which may point outside the content), named pipes,
 * sockets and devices (which are not read: a pipe would wait for a writer), and S3 folder placeholders with such a name holding bytes
 * (`entries/a.md/`, an upload whose key ends in `/`); Word's owner files (`owners`, wordOwnerFile.ts) and entries held in iCloud
 * only (icloudPlaceholder.ts) are named as such. Other hidden files stay quiet. Where the file is a published entry
 * held in iCloud (`publishedGone` of the entry's file), or a published entry under another name that reads as one
 * (`renamedEntry`, of the file), or an `.html` post in place of a published entry's file, or either of those that cannot be
 * read (`unreadable`: whether it is the entry cannot be told), a publish would take that entry down: a problem then, not a warning. A sync tool's conflict copy of an entry is a problem too, and a file manager's copy
 * beside its original, published as an entry of its own, a warning (syncCopyName.ts).
 */
function unpublishedFiles(listed: readonly StoredObject[], links: readonly string[], placeholders: readonly string[], specialFiles: readonly SpecialFile[], posts: ReadonlySet<string>, publishedGone: (key: string) => boolean, renamedEntry: (key: string) => boolean, owners: ReadonlySet<string>, unreadable: ReadonlyMap<string, UnreadableFileError>): UnpublishedFiles {
  const found: UnpublishedFiles = { warnings: [], problems: [], invalidKeys: [] };
  const { warnings } = found;
  const listedKeys = new Set(listed.map((object) => object.key));
  for (const object of listed) {
    const { key } = object;
    const held = icloudPlaceholderEntry(key);
    if (held !== undefined && !isHidden(held) && !listedKeys.has(held)) {
      const gone = publishedGone(held);
      const stub = keyFileName(key);
      const message = `is in iCloud only: macOS left the placeholder ${stub} in its place (Optimize Mac Storage), which holds none of its text, so it is not read${gone ? ', and a publish would take this published entry down' : ' or published'}`;
      const fix = `download it: open it in Finder, or run brctl download ${held} in the content folder${gone ? '; then publish again' : ''}`;
      (gone ? found.problems : warnings).push({ file: held, field: 'file', message, fix });
      if (gone) found.invalidKeys.push(held);
      continue;
    }
    if (isHidden(key)) continue;
    const extra = misnamed(key);
    const copy = extra || !key.endsWith('.md') ? undefined : syncCopyName(key, (other) => listedKeys.has(other));
    if (owners.has(key)) {
      if (key.endsWith('.md') || extra) warnings.push({ file: key, field: 'file', message: "is Word's owner file, which Word keeps beside a document it has open; it is no entry, and is not read", fix: 'close the document in Word, or delete it' });
    } else if (copy?.conflict) {
      const original = keyFileName(copy.original);
      found.problems.push({ file: key, field: 'file', message: `is a sync conflict copy of ${original} (${copy.conflict} kept both sides of an edit made in two places), which would publish as a second entry`, fix: `merge what differs into ${original}, then delete this copy` });
      found.invalidKeys.push(key);
    } else if (copy) {
      const original = keyFileName(copy.original);
      warnings.push({ file: key, field: 'file', message: `is a copy of ${original} by its name, and is published as an entry of its own`, fix: `if it is meant as another entry, give it a name and an id: of its own; if not, merge what differs into ${original} and delete it` });
    } else if (extra) {
      const entryKey = keyFolder(key) + extra.name;
      if (renamedEntry(key)) {
        found.problems.push({ file: key, field: 'file', message: `is the published entry ${entryKey} under another name, which is not read: ${extra.reason}; a publish would take that entry down`, fix: `${extra.fix}, or delete this file if you meant to take the entry down` });
        found.invalidKeys.push(entryKey);
      } else if (unreadable.has(key)) {
        found.problems.push(unreadableInPlace(key, entryKey, unreadable.get(key)!));
        found.invalidKeys.push(entryKey);
      } else warnings.push({ file: key, field: 'file', message: `is not published: ${extra.reason}`, fix: slugNameFix(extra.fix, extra.name) });
    } else if (unreadable.has(key) && POST_NAME.test(key) && publishedGone(key.replace(POST_NAME, '.md'))) {
      const entryKey = key.replace(POST_NAME, '.md');
      found.problems.push(unreadableInPlace(key, entryKey, unreadable.get(key)!));
      found.invalidKeys.push(entryKey);
    } else if (posts.has(key)) {
      const name = keyFileName(key).replace(POST_NAME, '.md');
      const entryKey = keyFolder(key) + name;
      const html = HTML_NAME.test(key);
      const reason = `it begins with front matter, as ${html ? 'a Jekyll or WordPress export writes a post' : 'an entry does (a text editor saved it as .txt)'}, but only files ending in .md are entries`;
      const fix = `rename it to ${name}${html ? ': its HTML is published as written' : ''}`;
      // A post put in place of the published entry's file: a publish would take that entry down, as for a rename.
      if (publishedGone(entryKey)) {
        found.problems.push({ file: key, field: 'file', message: `is the published entry ${entryKey} under another name, which is not read: ${reason}; a publish would take that entry down`, fix: `${fix}, or delete this file if you meant to take the entry down` });
        found.invalidKeys.push(entryKey);
      } else warnings.push({ file: key, field: 'file', message: `is not published: ${reason}`, fix: slugNameFix(fix, name) });
    }
  }
  for (const key of links) {
    if (!isHidden(key)) warnings.push({ file: key, field: 'file', message: 'is a symbolic link, which is not published', fix: 'put the file itself in entries/ (cp -L), or move the link out of entries/' });
  }
  for (const { key, kind } of specialFiles) {
    if (!isHidden(key)) warnings.push({ file: key, field: 'file', message: `is a ${kind}, not a regular file, which is not read or published`, fix: 'delete it, or move it out of entries/: an entry is a regular .md file' });
  }
  for (const key of placeholders) {
    const name = withoutTrailing(key, '/');
    if (!isHidden(key) && MARKDOWN_LIKE.test(name)) {
      warnings.push({ file: key, field: 'file', message: 'ends in / (an S3 folder placeholder) but holds bytes, which are not published', fix: `upload it as ${name.replace(MARKDOWN_LIKE, '.md')}, without the trailing /, or delete it` });
    }
  }
  warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return found;
}

// An HTML post (jekyll-import writes WordPress's as `_posts/*.html`) opens with front matter, like an entry; so does an
// entry a text editor saved as `.txt` (TextEdit, Notepad), where a plain note does not.
const HTML_NAME = /\.html?$/i;
const POST_NAME = /\.(?:html?|txt)$/i;

/** The listed `.html` and `.txt` files under entries/ that begin with front matter (a post exported from another tool, an entry saved as text), and those unread. */
function htmlPosts(content: Store, listed: readonly StoredObject[]): Promise<Openings> {
  return openingWithFrontMatter(content, listed.filter((object) => object.key.startsWith(ENTRIES_PREFIX) && POST_NAME.test(object.key) && !isHidden(object.key)));
}

/** What openingWithFrontMatter finds: the files that open with front matter, and those that cannot be read, with why. */
interface Openings {
  opening: Set<string>;
  unreadable: Map<string, UnreadableFileError>;
}

/**
 * The files among `objects` that open with front matter, `---` (in RTF, its text's first line): an entry's or a post's;
 * and those that cannot be read, which are not known to be either.
 */
async function openingWithFrontMatter(content: Store, objects: readonly StoredObject[]): Promise<Openings> {
  const found: Openings = { opening: new Set(), unreadable: new Map() };
  await mapLimit(objects.filter((object) => isSafeKey(object.key)), 8, async (object) => {
    let text: string | undefined;
    try {
      text = await getText(content, object.key, object, ENTRY_READ);
    } catch (error) {
      // Too large to be an entry or a post: the editor's own file.
      if (error instanceof ObjectTooLargeError) return;
      if (error instanceof UnreadableFileError) {
        found.unreadable.set(object.key, error);
        return;
      }
      throw error;
    }
    if (text !== undefined && (opensWithFrontMatter(text) || rtfOpensWithFrontMatter(text))) found.opening.add(object.key);
  });
  return found;
}

/**
 * The problem of a file that cannot be read under a name that, read, would be the published entry `entryKey` renamed
 * (an `.md.txt`, an `.html` post in its place): whether it is cannot be told, and a publish would take that entry down,
 * so it is refused as the rename would be.
 */
function unreadableInPlace(file: string, entryKey: string, error: UnreadableFileError): Problem {
  const message = `is in the place of the published entry ${entryKey}, which is gone, but cannot be read (${error.reason}), so whether it is that entry under another name cannot be told; a publish would take that entry down`;
  return { file, field: 'file', message, fix: `${unreadableFile(error).fix}, then check again; or delete this file if you meant to take the entry down` };
}

/** The hash a racy version's text is kept with (IndexRecord.contentHash). */
function contentHashOf(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * The warning for a published entry with no summary, given or found: a feed item then has no RSS `<description>`,
 * Atom `<summary>` or JSON Feed `summary`, and a feed reader's list, the site's pages and the digest show the title alone.
 */
function noSummary(file: string): Problem {
  return { file, field: 'summary', message: 'is not given, and the body has no paragraph of text to stand in for it, so feed readers and the digest show this entry without one', fix: 'write summary: with one or two plain sentences' };
}

/** The warning for a file whose name holds an entry's path with backslashes (FLATTENED_ENTRIES_PREFIX), which is not read. */
function flattenedPath(key: string): Problem {
  const path = key.replaceAll('\\', '/');
  return { file: key, field: 'file', message: "is not read: its name holds a path with backslashes (\\), as a zip made on Windows stores one and an unzip on macOS or Linux writes it as one file's name, and only files in the folder entries/ are entries", fix: `move it to ${path}, or extract the zip again with a tool that reads \\ as a folder separator (7-Zip: 7z x)` };
}

/** The problem of a file whose name no store can read as a key. */
function unsafeName(file: string): Problem {
  return { file, field: 'file', message: file.includes('\\') ? 'the file name contains a backslash (\\), which is no folder separator here' : 'the file name is not a plain path', fix: 'rename the file with letters, digits and hyphens, and / between folders' };
}

/**
 * The problem of a file listed under a name that reads nothing: a local file whose name is not UTF-8 is listed with
 * U+FFFD in it, which names no file (or the file was deleted between the listing and the read). Not "empty".
 */
function unreadableName(file: string): Problem {
  return { file, field: 'file', message: 'cannot be read by the name it is listed under: a file name that is not UTF-8 is listed with U+FFFD (\uFFFD) in it, or the file was deleted meanwhile', fix: 'rename the file with UTF-8 letters, digits and hyphens' };
}

/** A record whose version is the listed file's, read only if asked (a local store then never stats the file). */
class ListedRecord implements IndexRecord {
  entry?: EntryMeta;
  problems?: Problem[];
  warnings?: Problem[];
  firstParagraph?: string;

  constructor(private readonly file: StoredObject) {}

  get version(): string {
    return this.file.version;
  }
}
