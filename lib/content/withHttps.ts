import { isHttpUrl } from '../shared/urls.js';
import { ipLiteralHost } from './ipLiteralHost.js';

// A host and what follows it, perhaps after `//`: a name of letters, digits and hyphens in two or more dot-separated
// labels, the last all letters as every top-level domain's is (RFC 1123 §2.1); or an IPv4 address in dotted
// decimal, or an IP literal in brackets (RFC 3986 §3.2.2); then a port, path, query or fragment.
const SCHEMELESS = /^(?:\/\/)?(?:(?:[a-z0-9-]+\.)+([a-z]+)|(?:\d{1,3}\.){3}\d{1,3}|\[[0-9a-f:.]+\])(:\d+)?([/?#]\S*)?$/i;
// A file name's extension is no host's last label: `notes.md`, `index.html` and a body's link to a download
// (`figures.xlsx`, `archive.zip`) are names, not addresses to prefix. Only a name alone or with a query or fragment
// (`notes.md#part`): after `//`, or with a port or path (`example.md/story`, .md being Moldova's), it is a host.
// Pages, documents and data, archives, images, audio and video, a web page's own files, feeds and calendars.
const FILE_EXTENSIONS = new Set([
  'md', 'markdown', 'txt', 'html', 'htm', 'xhtml', 'php', 'asp', 'aspx', 'jsp', 'xml', 'json', 'yml', 'yaml',
  'pdf', 'doc', 'docx', 'rtf', 'odt', 'ods', 'odp', 'xls', 'xlsx', 'ppt', 'pptx', 'csv', 'tsv', 'epub',
  'zip', 'gz', 'tgz', 'rar',
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'bmp', 'ico', 'tif', 'tiff', 'heic',
  'wav', 'ogg', 'oga', 'flac', 'mov', 'webm', 'mkv', 'avi',
  'css', 'js', 'rss', 'atom', 'ics', 'vcf', 'kml', 'gpx', 'srt', 'vtt',
]);

/**
 * An address copied without its scheme (`www.38north.org/…`, `//host/…`, `192.0.2.7/…`, as a browser's bar shows
 * it) with https:// before it; undefined for text that does not read as a host first (a file name, words,
 * `localhost/a`), and, with `ipLiterals` false (a field RSS carries, ipLiteralHost), for a host in brackets.
 */
export function withHttps(text: string, ipLiterals = true): string | undefined {
  const trimmed = text.trim();
  const match = SCHEMELESS.exec(trimmed);
  if (!match) return undefined;
  const [, topLevel, port, rest] = match;
  if (topLevel !== undefined && FILE_EXTENSIONS.has(topLevel.toLowerCase()) && !trimmed.startsWith('//') && port === undefined && !rest?.startsWith('/')) return undefined;
  const address = `https://${trimmed.replace(/^\/\//, '')}`;
  if (!isHttpUrl(address)) return undefined;
  return ipLiterals || ipLiteralHost(address) === undefined ? address : undefined;
}
