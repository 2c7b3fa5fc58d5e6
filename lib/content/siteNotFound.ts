import type { Problem } from '../shared/errors.js';
import { INVISIBLE } from '../shared/invisible.js';
import type { Store } from '../store/store.js';
import { SITE_FILE } from './contentKeys.js';

// The prefixes the near-miss names start with, as a listing matches them (case-sensitively).
const PREFIXES = ['site', 'Site', 'SITE'];
// What editors leave after the name: Notepad's `.txt`, TextEdit's `.rtf`, trailing dots, whitespace and invisible
// characters, which a listing hides; and `.yaml`, YAML's other extension (yaml.org FAQ).
const TRAILING = new RegExp(`[\\s.${INVISIBLE}]+$`, 'u');
const EXTRA_EXTENSION = /\.(txt|rtf)$/i;

/** Whether a name in the content folder is site.yml saved under another name: `site.yml.txt`, `Site.yml`, `site.yaml`. */
function isNearMiss(name: string): boolean {
  const bare = name.replace(TRAILING, '').replace(EXTRA_EXTENSION, '').replace(TRAILING, '').toLowerCase().replace(/\.yaml$/, '.yml');
  return name !== SITE_FILE && bare === SITE_FILE;
}

/**
 * The problem of content with no site.yml, naming a file beside it that is site.yml under another name (isNearMiss),
 * with the rename as the fix; else `fix`, what creates one.
 */
export async function siteNotFound(content: Store, fix: string): Promise<Problem> {
  const listed = (await Promise.all(PREFIXES.map((prefix) => content.list(prefix)))).flat();
  const names = [...new Set(listed.map((object) => object.key).filter((key) => !key.includes('/') && isNearMiss(key)))].sort();
  const message = `not found in ${content.description}`;
  if (names.length === 0) return { file: SITE_FILE, field: 'file', message, fix };
  const there = names.map((name) => JSON.stringify(name)).join(' and ');
  const renames = names.map((name) => (/\.rtf$/i.test(name.replace(TRAILING, '')) ? `save ${JSON.stringify(name)} as plain text (TextEdit: Format > Make Plain Text) named site.yml` : `rename ${JSON.stringify(name)} to site.yml`));
  return { file: SITE_FILE, field: 'file', message: `${message}; ${there} ${names.length === 1 ? 'is' : 'are'} there, but only a file named exactly site.yml is read`, fix: renames.join(', or ') };
}
