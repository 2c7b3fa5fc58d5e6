// The floor: the least any publisher must do. Reads every entry file under CONTENT/entries and splits off
// its front matter, nothing more. Plain JavaScript with no imports beyond node:, so it measures only the I/O
// and the split. Usage: node bench/floor.mjs CONTENT
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(process.argv[2] ?? 'content', 'entries');
let files = 0;
let frontMatterBytes = 0;
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
  const text = readFileSync(join(entry.parentPath ?? entry.path, entry.name), 'utf8');
  const end = text.indexOf('\n---', 3);
  frontMatterBytes += text.slice(4, end).length;
  files++;
}
process.stdout.write(`${files} files, ${frontMatterBytes} bytes of front matter\n`);
