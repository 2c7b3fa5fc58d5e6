import { isHttpUrl } from '../shared/urls.js';

// A host name and what follows it, perhaps after `//`: letters, digits and hyphens in two or more dot-separated labels,
// the last all letters as every top-level domain's is (RFC 1123 §2.1), then a port, path, query or fragment.
const SCHEMELESS = /^(?:\/\/)?((?:[a-z0-9-]+\.)+([a-z]+))(?::\d+)?(?:[/?#]\S*)?$/i;
// A file name's extension is no host's last label: `notes.md` and `index.html` are names, not addresses to prefix.
const FILE_EXTENSIONS = new Set(['md', 'markdown', 'txt', 'html', 'htm', 'xhtml', 'php', 'asp', 'aspx', 'jsp', 'xml', 'json', 'yml', 'yaml', 'pdf', 'doc', 'docx', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp']);

/**
 * An address copied without its scheme (`www.38north.org/…`, `//host/…`, as a browser's bar shows it) with https://
 * before it; undefined for text that does not read as a host name first (a file name, words, `localhost/a`).
 */
export function withHttps(text: string): string | undefined {
  const match = SCHEMELESS.exec(text.trim());
  if (!match || FILE_EXTENSIONS.has(match[2]!.toLowerCase())) return undefined;
  const address = `https://${text.trim().replace(/^\/\//, '')}`;
  return isHttpUrl(address) ? address : undefined;
}
