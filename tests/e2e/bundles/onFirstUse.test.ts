import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { codeIdentity } from '../../../lib/codeIdentity.js';
import type { scanContent } from '../../../lib/content/contentScan.js';
import type { cssSelect } from '../../../lib/content/cssSelect.js';
import type { cssTree } from '../../../lib/content/cssTree.js';
import type { parseEntry } from '../../../lib/content/entry.js';
import type { loadContent } from '../../../lib/content/loadContent.js';
import type { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import type { LocalStore } from '../../../lib/store/localStore.js';
import { REPO } from '../../support/cli.js';

// The content reader bundled as scripts/bundleCli.mjs bundles the CLI (ESM for Node, a `require` for CommonJS
// dependencies): what costs a command's start only when first needed (lib/shared/onFirstCall.ts). css-tree and
// css-select, whose modules do much work as they are evaluated, are evaluated only when a body holding CSS needs
// them; the code's identity is read only for an entry index kept in an output.
let dir: string;
let metafile: Metafile;
let bundled: {
  parseEntry: typeof parseEntry;
  renderMarkdown: typeof renderMarkdown;
  cssTree: typeof cssTree;
  cssSelect: typeof cssSelect;
  loadContent: typeof loadContent;
  scanContent: typeof scanContent;
  LocalStore: typeof LocalStore;
  codeIdentity: typeof codeIdentity;
};
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broadsheet-css-bundle-'));
  const file = join(dir, 'reader.mjs');
  const contents = [
    "export { parseEntry } from './lib/content/entry.ts';",
    "export { renderMarkdown } from './lib/content/renderMarkdown.ts';",
    "export { cssTree } from './lib/content/cssTree.ts';",
    "export { cssSelect } from './lib/content/cssSelect.ts';",
    "export { loadContent } from './lib/content/loadContent.ts';",
    "export { scanContent } from './lib/content/contentScan.ts';",
    "export { LocalStore } from './lib/store/localStore.ts';",
    "export { codeIdentity } from './lib/codeIdentity.ts';",
  ].join('\n');
  const result = await build({
    stdin: { contents, resolveDir: REPO, sourcefile: 'reader.ts', loader: 'ts' },
    absWorkingDir: REPO,
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: "import { createRequire as __broadsheetRequire } from 'node:module'; const require = __broadsheetRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'silent',
  });
  metafile = result.metafile;
  bundled = await import(pathToFileURL(file).href);
}, 60_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const entry = (body: string) => `---\ntitle: A note\nurl: https://news.example.com/a\nsource: Example News\ndate: 2014-05-01\n---\n${body}\n`;
const read = (body: string) => {
  bundled.parseEntry(entry(body), 'entries/a.md', { timezone: 'UTC' });
  bundled.renderMarkdown(body, 'https://watch.example.org/');
  return { cssTree: bundled.cssTree.loaded, cssSelect: bundled.cssSelect.loaded };
};

describe('the CSS libraries in the bundled content reader', () => {
  it('are reached only through the calls that load them on first use', () => {
    // Each import of the library's files from outside it, and how it is made.
    const reaching = (library: RegExp) =>
      Object.entries(metafile.inputs).flatMap(([from, input]) => (library.test(from) ? [] : input.imports.filter((to) => library.test(to.path)).map((to) => `${from} ${to.kind}`)));
    expect(reaching(/node_modules\/css-tree\//)).toEqual(['lib/content/cssTree.ts require-call']);
    expect(reaching(/node_modules\/css-select\//)).toEqual(['lib/content/cssSelect.ts require-call']);
  });

  it('are loaded by the first body holding a style attribute, and css-select by the first holding a style sheet', () => {
    expect(read('Rice prices rose, *again*, in [Manila](https://news.example.com/rice).\n\n<p title="x">A <b>bold</b> claim.</p>')).toEqual({ cssTree: false, cssSelect: false });
    expect(read('<p style="display:none">A preheader</p>\n\nRice prices rose.')).toEqual({ cssTree: true, cssSelect: false });
    expect(read('<style>.pre { display: none }</style>\n<p class="pre">A preheader</p>\n\nRice prices rose.')).toEqual({ cssTree: true, cssSelect: true });
  });
});

describe('the code identity in the bundled content reader', () => {
  it('is read for content compared with an output, not for content read alone (a check without --out)', async () => {
    const content = new bundled.LocalStore(join(REPO, 'content'));
    const alone = await bundled.loadContent(await bundled.scanContent(content), { retainEntries: false });
    expect([alone.problems, bundled.codeIdentity.loaded]).toEqual([[], false]);
    await bundled.loadContent(await bundled.scanContent(content), { cacheStore: new bundled.LocalStore(join(dir, 'out')) });
    expect(bundled.codeIdentity.loaded).toBe(true);
  });
});
