// The render floor: what a first publish must do to every published entry beyond bench/floor.mjs's read and split,
// namely render its Markdown body and sanitise the HTML, with the libraries and settings the security rules require
// (lib/content/renderMarkdown.ts: markdown-it, then sanitize-html). No page, feed or archive is made. With the time
// to copy the output a publish wrote (`cp -R`), it is the part of a publish from scratch that no code of ours can
// make faster. Drafts are skipped, as a publish skips them.
// Usage: node bench/renderFloor.mjs CONTENT BASE_URL
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitFrontMatter } from '../dist/lib/content/frontMatter.js';
import { renderMarkdown } from '../dist/lib/content/renderMarkdown.js';

const [content, baseUrl] = process.argv.slice(2);
if (!content || !baseUrl) throw new Error('usage: node bench/renderFloor.mjs CONTENT BASE_URL');
const DRAFT = /^draft:[ \t]*true[ \t]*$/m;
let rendered = 0;
let htmlBytes = 0;
for (const entry of readdirSync(join(content, 'entries'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
  const split = splitFrontMatter(readFileSync(join(entry.parentPath ?? entry.path, entry.name), 'utf8'));
  if (!split.ok) throw new Error(`${entry.name}: ${split.message}`);
  if (DRAFT.test(split.value.yaml)) continue;
  htmlBytes += renderMarkdown(split.value.body, baseUrl).html.length;
  rendered++;
}
process.stdout.write(`${rendered} bodies rendered and sanitised, ${htmlBytes} characters of HTML\n`);
