import { ENTRIES_PREFIX, SITE_FILE } from './contentKeys.js';
import { invalidUtf8Offset } from '../shared/invalidUtf8Offset.js';
import { ContentError, ObjectTooLargeError, UnreadableFileError } from '../shared/errors.js';
import { unreadableFile } from './unreadableFile.js';
import { SITE_READ } from './siteSize.js';
import { timed, type Timings } from '../shared/timings.js';
import type { SpecialFile, Store, StoredObject } from '../store/store.js';

/** What a content store holds before any entry is read: site.yml's text and the listing of entries/. */
export interface ContentScan {
  content: Store;
  /** Undefined when there is no site.yml. */
  siteText: string | undefined;
  /** Every object under entries/, with its version. */
  listed: StoredObject[];
  /** Symbolic links under entries/, which are not read (the store lists none of them). */
  links?: string[];
  /** Folder placeholders holding bytes under entries/ (S3 keys ending in `/`), which are not read either. */
  placeholders?: string[];
  /** Named pipes, sockets and devices under entries/, which are not read either. */
  specialFiles?: SpecialFile[];
  /** site.yml's bytes and the offset of their first sequence that is not UTF-8, when there is one. */
  siteInvalid?: { bytes: Uint8Array; offset: number };
  /** site.yml's size when it is over MAX_SITE_BYTES, left unread (siteText is then undefined). */
  siteTooLarge?: number;
}

/**
 * The first step of every load: a GET of site.yml and a LIST of entries/. It is enough to tell whether a
 * publish is settled (lib/publish/settled.ts), so it needs none of the parsing code.
 */
export async function scanContent(content: Store, timings?: Timings): Promise<ContentScan> {
  let siteTooLarge: number | undefined;
  const siteBytes = await timed(timings, 'read', () =>
    content.get(SITE_FILE, SITE_READ).catch((error: unknown) => {
      if (error instanceof UnreadableFileError) throw new ContentError([unreadableFile(error)]);
      if (!(error instanceof ObjectTooLargeError)) throw error;
      siteTooLarge = error.size;
      return undefined;
    }),
  );
  // A folder under entries/ that cannot be listed may hold published entries: no publish without it, --skip-invalid neither.
  const listed = await timed(timings, 'list', () =>
    content.list(ENTRIES_PREFIX).catch((error: unknown) => {
      throw error instanceof UnreadableFileError ? new ContentError([unreadableFile(error)]) : error;
    }),
  );
  const siteText = siteBytes?.toString('utf8');
  // A decoder puts U+FFFD where the bytes are not UTF-8: only then are the bytes looked at again.
  const siteInvalidAt = siteText?.includes('\uFFFD') ? invalidUtf8Offset(siteBytes!) : undefined;
  const links = content.listLinks ? await content.listLinks(ENTRIES_PREFIX) : [];
  const placeholders = content.listPlaceholders ? await content.listPlaceholders(ENTRIES_PREFIX) : [];
  const specialFiles = content.listSpecialFiles ? await content.listSpecialFiles(ENTRIES_PREFIX) : [];
  const scan: ContentScan = { content, siteText, listed };
  if (links.length > 0) scan.links = links;
  if (placeholders.length > 0) scan.placeholders = placeholders;
  if (specialFiles.length > 0) scan.specialFiles = specialFiles;
  if (siteInvalidAt !== undefined) scan.siteInvalid = { bytes: siteBytes!, offset: siteInvalidAt };
  if (siteTooLarge !== undefined) scan.siteTooLarge = siteTooLarge;
  return scan;
}
