/** What a file's name says it is a copy of: the original's key, and the sync tool whose conflict copy it is, if one. */
export interface SyncCopy {
  original: string;
  /** The sync tool that made it as a conflict copy; undefined for a plain duplicate (a file manager's, a browser's). */
  conflict?: string;
}

// The names sync tools give the losing side of an edit conflict, each unmistakable: Dropbox's "X (Alice's conflicted
// copy 2014-05-12).md" and its case and Unicode conflicts (help.dropbox.com, "What's a conflicted copy?"), Nextcloud's
// and ownCloud's "X (conflicted copy 2014-05-12 120000).md" and older "X_conflict-20140512-120000.md", Syncthing's
// "X.sync-conflict-20140512-120000-ABCDEFG.md" (docs.syncthing.net, "Conflicting Changes"), and OneDrive's copy named
// after a Windows computer's default name, "X-DESKTOP-AB12CD3.md". An editor may choose such a name for an entry of
// its own ("Why Dropbox makes a (conflicted copy).md"): a copy only beside its original.
// Each pattern here and in DUPLICATES with the text every name it matches holds, looked for first: most file names
// (slugs) hold none.
const CONFLICTS: readonly [RegExp, string, string][] = [
  [/^(.+?) \([^()]*conflicted copy[^()]*(?:\(\d+\))?\)$/i, 'Dropbox, Nextcloud or ownCloud', ' ('],
  [/^(.+?) \((?:Case|Unicode Encoding) Conflict(?: \d+)?\)$/i, 'Dropbox', ' ('],
  [/^(.+)_conflict-\d{8}-\d{6}$/, 'ownCloud', '_conflict-'],
  [/^(.+)\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]{7})?$/, 'Syncthing', '.sync-conflict-'],
  [/^(.+)-(?:DESKTOP|LAPTOP)-[A-Z0-9]{7}$/, 'OneDrive', 'TOP-'],
];
// The names file managers and browsers give a duplicate, which an editor may also choose: Windows Explorer's
// "X - Copy.md", Finder's "X copy.md" (Duplicate) and "X 2.md" (Keep Both, counting up from 2), and "X (1).md" (Google
// Drive, browsers, Windows); and OneDrive's conflict copy named after any other Windows computer, "X-JOHN-PC.md": the
// name as %COMPUTERNAME% gives it (a NetBIOS name: at most 15 letters, digits and hyphens, upper case, a letter among
// them). An editor's own name can end so too (a hyphenated lower-case word, a number, "summit-G20.md" beside
// "summit.md"): a warning, never a refusal. Copies only beside the original.
const DUPLICATES: readonly [RegExp, string][] = [[/^(.+) - Copy(?: \(\d+\))?$/, ' - Copy'], [/^(.+) copy(?: \d+)?$/, ' copy'], [/^(.+) \(\d+\)$/, ' ('], [/^(.+) (?:[2-9]|[1-9]\d+)$/, ' ']];
const COMPUTER_NAME = /^(?=[A-Z0-9-]{1,15}$)(?=.*[A-Z])[A-Z0-9](?:[A-Z0-9-]*[A-Z0-9])?$/;
// OneDrive on a Mac names its copy after the Computer Name of the Mac's Sharing settings, as written, spaces and all,
// and counts further copies with "-2", "-3"…: "X-Jane's MacBook Pro.md", "X-MacBook Pro de Charlyne-2.md". A Mac's name
// is the user's to choose, so only the default one is told, by the model in it as macOS writes it (the apostrophe
// typographic or straight). A tech site's "review-MacBook Air.md" beside "review.md" reads so too: a warning.
const MAC_NAME = /^(?=.{1,63}$)[^/]*\b(?:MacBook(?: Pro| Air)?|iMac(?: Pro)?|Mac mini|Mac Studio|Mac Pro)\b[^/]*?(?:-[1-9]\d*)?$/;

/**
 * The file an entry file's name (`X….md`) says it is a copy of, under any of the names above, when `exists` says the
 * original is there.
 */
export function syncCopyName(key: string, exists: (key: string) => boolean): SyncCopy | undefined {
  if (!key.endsWith('.md')) return undefined;
  const slash = key.lastIndexOf('/') + 1;
  const stem = key.slice(slash, -'.md'.length);
  for (const [pattern, tool, needs] of CONFLICTS) {
    const found = stem.includes(needs) && pattern.exec(stem);
    const original = found && `${key.slice(0, slash)}${found[1]}.md`;
    if (original && exists(original)) return { original, conflict: tool };
  }
  for (const [pattern, needs] of DUPLICATES) {
    const found = stem.includes(needs) && pattern.exec(stem);
    const original = found && `${key.slice(0, slash)}${found[1]}.md`;
    if (original && exists(original)) return { original };
  }
  // A computer name may hold hyphens itself: each hyphen may be the one OneDrive added.
  for (let hyphen = stem.indexOf('-', 1); hyphen !== -1; hyphen = stem.indexOf('-', hyphen + 1)) {
    const original = `${key.slice(0, slash)}${stem.slice(0, hyphen)}.md`;
    const name = stem.slice(hyphen + 1);
    // Every name MAC_NAME matches holds "Mac".
    if ((COMPUTER_NAME.test(name) || (name.includes('Mac') && MAC_NAME.test(name))) && exists(original)) return { original };
  }
  return undefined;
}
