import type { DateTime } from 'luxon';
import { defaultEntryId, type EntryMeta } from '../content/entry.js';
import type { PreviousEntry } from '../content/entryIndex.js';
import type { Problem } from '../shared/errors.js';
import { codePointName } from '../shared/codePointName.js';
import { isPublished } from './sitePlan.js';
import { articleKey } from '../content/articleKey.js';
import { hadEntryPage } from './hadEntryPage.js';
import { heldBack } from './heldBack.js';
import { withAllowIdChange, type AllowingCommand } from './withAllowIdChange.js';

/** A published entry that would come back under another id: every reader would show it as a new item. */
export interface IdChange {
  url: string;
  oldKey: string;
  oldId: string;
  newKey: string;
  newId: string;
}

export interface IdChangeInputs {
  /** The valid entries now. */
  entries: readonly EntryMeta[];
  /** What the entry index held for the files gone or read again, and the ids published once and out since (LoadedContent.before). */
  before: { entries: readonly PreviousEntry[]; reread: ReadonlySet<string>; out?: readonly PreviousEntry[] };
  now: DateTime;
  /** The keys of the output's last manifest, undefined when it has none: an entry of the index was published if its page is one (hadEntryPage). */
  pages: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The entries published before whose id is gone, matched by `url` with a new or changed file's entry that is
 * published under an id nobody had: typically a file renamed or moved without `id:` (the default id is its path),
 * in the same publish or while the entry was out (drafted, dated later, invalid or deleted: EntryIndex.out).
 * Two urls of one article match (articleKey: a tracking parameter, a fragment or a trailing / taken off in the same edit).
 * Readers key items on the id (RSS guid, Atom id, JSON Feed id), so they would show the entry again as new.
 */
export function findIdChanges(inputs: IdChangeInputs): IdChange[] {
  return pairIdChanges(inputs, (entry) => articleKey(entry.url))
    .map(({ old, entry }) => ({ url: entry.url, oldKey: old.key, oldId: old.id, newKey: entry.key, newId: entry.id }))
    .sort((a, b) => (a.newKey < b.newKey ? -1 : a.newKey > b.newKey ? 1 : 0));
}

/**
 * The two sides an id change joins, paired by `keyOf` (undefined: no key, never paired): each entry published under an
 * id never published, in `entries` order, new to readers (its file new or changed, or, unchanged, public for the first
 * time: its date came), with the first entry published before (at the last publish, then out since) whose id is gone
 * and whose key is the same, each used once. `except`: the old and new files already paired another way. `heldBack`:
 * pair the entries, not drafts, dated after `now` instead, which will be new to readers when their date comes.
 */
export function pairIdChanges(
  { entries, before, now, pages }: IdChangeInputs,
  keyOf: (entry: PreviousEntry) => string | undefined,
  except: { old: ReadonlySet<string>; new: ReadonlySet<string> } = { old: new Set(), new: new Set() },
  heldBack = false,
): { old: PreviousEntry; entry: EntryMeta }[] {
  const currentIds = new Set(entries.map((entry) => entry.id));
  // Published once: out since is no reason for readers to take it as new.
  const published = [...before.entries.filter((old) => hadEntryPage(pages, old, now)), ...(before.out ?? [])];
  const gone = new Map<string, PreviousEntry>();
  for (const old of published) {
    if (currentIds.has(old.id) || except.old.has(old.key)) continue;
    const key = keyOf(old);
    if (key !== undefined && !gone.has(key)) gone.set(key, old);
  }
  if (gone.size === 0) return [];
  // A draft's id was never in a feed: published now, under its id or another, it is new to readers all the same.
  const oldIds = new Set(published.map((entry) => entry.id));
  // A file unchanged since it was read is new to readers when the last publish had it back (dated later, renamed
  // in the same edit): only its page in the last manifest tells. Without one, only a file read again is.
  const newToReaders = (entry: EntryMeta): boolean => before.reread.has(entry.key) || (pages !== undefined && !hadEntryPage(pages, entry, now));
  const pairs: { old: PreviousEntry; entry: EntryMeta }[] = [];
  for (const entry of entries) {
    if (except.new.has(entry.key) || oldIds.has(entry.id)) continue;
    // Held back, it has no page yet: new to readers when its date comes, whether its file changed or not.
    if (heldBack ? entry.draft || isPublished(entry, now) : !isPublished(entry, now) || !newToReaders(entry)) continue;
    const key = keyOf(entry);
    const old = key === undefined ? undefined : gone.get(key);
    if (!old) continue;
    gone.delete(key!);
    pairs.push({ old, entry });
  }
  return pairs;
}

/**
 * The entries dated later that a publish will refuse when their date comes (findIdChanges), as warnings: a file renamed
 * while held back, paired by url. Said now, since the publish at its date, a scheduled one, would be refused and the
 * entry miss its time. `zone`: the site's, in which the date is given; `by`: the command that warns, which the fix names.
 */
export function heldBackIdChanges(inputs: IdChangeInputs, zone: string, by: AllowingCommand = 'publish'): Problem[] {
  const pairs = pairIdChanges(inputs, (entry) => articleKey(entry.url), undefined, true);
  if (pairs.length === 0) return [];
  const until = new Map(heldBack(inputs.entries, inputs.now, zone).map((held) => [held.file, held.until]));
  return pairs
    .map(({ old, entry }): Problem => {
      const change = { url: entry.url, oldKey: old.key, oldId: old.id, newKey: entry.key, newId: entry.id };
      return {
        file: entry.key,
        field: 'id',
        message: `${publishedAs(change)}; when its date comes (${until.get(entry.key)}), a publish will refuse it under the id ${JSON.stringify(entry.id)}, which every reader would show again as a new item`,
        fix: `${keepOldId(change)}, or, for a new entry about the same article, ${withAllowIdChange(by)} when its date comes`,
      };
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * The problem an id change is reported as: the old and the new path, and the fix. `by`: the command that reports it;
 * check takes --allow-id-change too, to foretell the publish that is given it.
 */
export function idChangeProblem(change: IdChange, by: AllowingCommand = 'publish'): Problem {
  return {
    file: change.newKey,
    field: 'id',
    message: `${publishedAs(change)}; under the id ${JSON.stringify(change.newId)} every reader would show it again as a new item`,
    // Another file with the url may be a second entry on the same article, not the first one renamed.
    fix: `${keepOldId(change)}, or ${withAllowIdChange(by)} to give it the new id${change.oldKey === change.newKey ? '' : ', as a new entry about the same article needs'}`,
  };
}

function publishedAs(change: IdChange): string {
  const was = change.oldKey === change.newKey ? 'this entry was published' : `its url was published from ${change.oldKey}`;
  return `${was} with the id ${JSON.stringify(change.oldId)}${normalisationNote(change.oldId, change.newId)}`;
}

/** The normal form a text is written in (UAX #15), as a message names it. */
function formOf(text: string): string {
  return text === text.normalize('NFC') ? 'NFC' : text === text.normalize('NFD') ? 'NFD' : 'neither NFC nor NFD';
}

/**
 * For two ids that differ only in Unicode normalisation, and so print alike: what tells them apart, a letter written
 * as one character in one and as a letter and an accent in the other (macOS's older disks and zip tools write names
 * decomposed, NFD). Empty for any other two ids.
 */
function normalisationNote(oldId: string, newId: string): string {
  if (oldId === newId || oldId.normalize('NFC') !== newId.normalize('NFC')) return '';
  const letter = [...oldId.normalize('NFC')].find((char) => char.normalize('NFD') !== char) ?? '';
  const points = (text: string) => [...text].map(codePointName).join(' ');
  const shown = letter === '' ? '' : `: ${JSON.stringify(letter)} is ${points(letter.normalize(formOf(oldId) === 'NFD' ? 'NFD' : 'NFC'))} in the published id and ${points(letter.normalize(formOf(newId) === 'NFD' ? 'NFD' : 'NFC'))} here`;
  return ` (the two look alike and differ only in Unicode normalisation, the published one ${formOf(oldId)} and this one ${formOf(newId)}${shown})`;
}

/** What keeps the published id: an id: line to add, or, when the new id was typed in one, that line changed back (a second id: line would be a YAML error). */
export function keepOldId(change: IdChange): string {
  // A name changed only in normal form: renamed back to the published form, the file needs no id: line.
  if (change.oldKey !== change.newKey && change.oldKey.normalize('NFC') === change.newKey.normalize('NFC') && change.oldId === defaultEntryId(change.oldKey) && change.newId === defaultEntryId(change.newKey)) {
    return `rename the file to its ${formOf(change.oldKey)} name, as published (an editor or zip tool wrote it in ${formOf(change.newKey)}), or add \`id: ${change.oldId}\` to its front matter, written in ${formOf(change.oldId)}`;
  }
  const form = change.oldId !== change.newId && change.oldId.normalize('NFC') === change.newId.normalize('NFC') ? `, written in ${formOf(change.oldId)}` : '';
  return change.newId === defaultEntryId(change.newKey) ? `add \`id: ${change.oldId}\` to its front matter${form}` : `change its id: line to \`id: ${change.oldId}\`${form}`;
}
