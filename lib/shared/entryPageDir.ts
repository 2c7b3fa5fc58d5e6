import { createHash } from 'node:crypto';
import { ENTRIES_DIR } from './outputLayout.js';
import { slugify } from './slug.js';

/** An id that is already a safe path: `/`-separated lowercase `[a-z0-9-]` words (a default id such as `2014/rason-port`). */
const PLAIN_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

/**
 * The folder of an entry's page, a function of its id alone, so the page's address lasts as long as the id. A plain
 * id (the default, the file's path) is its own path; any other (`tag:`, `urn:`, capitals, other scripts) is slugged a
 * segment at a time and its last segment ends in a hash of the whole id, so ids that slug alike keep apart. Never a
 * raw path from the text: every segment is `[a-z0-9-]`.
 */
export function entryPageDir(id: string): string {
  if (PLAIN_ID.test(id) && id.length <= 200) return `${ENTRIES_DIR}${id}/`;
  const segments = id.split('/').filter((segment) => segment.trim() !== '').slice(0, 8).map(slugify);
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 10);
  const last = segments.pop();
  return `${ENTRIES_DIR}${[...segments, last ? `${last}-${hash}` : `id-${hash}`].join('/')}/`;
}
