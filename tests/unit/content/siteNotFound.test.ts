import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { siteNotFound } from '../../../lib/content/siteNotFound.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// site.yml saved by another tool under another name: Notepad's `.txt`, TextEdit's `.rtf`, a Windows tool's capitals,
// YAML's other extension, a trailing space.
const FIX = 'create site.yml with title, description, url, language and timezone';

/** Content whose site.yml is renamed to each of `names` (the text of a valid one in each). */
function renamedSite(names: string[]): MemoryStore {
  const content = memoryContent({ site: SITE, entries: { '2014/a.md': entryText(entry()) } });
  const site = content.objects.get('site.yml')!;
  content.objects.delete('site.yml');
  for (const name of names) content.objects.set(name, site);
  return content;
}

describe('siteNotFound', () => {
  it('names the file that is site.yml under another name, and the rename', async () => {
    for (const name of ['site.yml.txt', 'site.yaml', 'Site.yml', 'SITE.YML', 'site.yml ', 'site.yml.', 'Site.yaml.txt']) {
      expect(await siteNotFound(renamedSite([name]), FIX), name).toEqual({ file: 'site.yml', field: 'file', message: `not found in memory:; ${JSON.stringify(name)} is there, but only a file named exactly site.yml is read`, fix: `rename ${JSON.stringify(name)} to site.yml` });
    }
  });

  it('an .rtf one is saved again as plain text; two are both named', async () => {
    expect(await siteNotFound(renamedSite(['site.yml.rtf']), FIX)).toMatchObject({ fix: 'save "site.yml.rtf" as plain text (TextEdit: Format > Make Plain Text) named site.yml' });
    expect(await siteNotFound(renamedSite(['site.yaml', 'Site.yml']), FIX)).toMatchObject({ message: 'not found in memory:; "Site.yml" and "site.yaml" are there, but only a file named exactly site.yml is read', fix: 'rename "Site.yml" to site.yml, or rename "site.yaml" to site.yml' });
  });

  it('the fix given when nothing is: a macOS AppleDouble file, another name, one in a folder', async () => {
    for (const name of ['._site.yml', 'site.yml.bak', 'sites.yml', 'config/site.yml', 'site.json']) {
      expect(await siteNotFound(renamedSite([name]), FIX), name).toEqual({ file: 'site.yml', field: 'file', message: 'not found in memory:', fix: FIX });
    }
  });

  it('is what loading content without site.yml throws', async () => {
    const error = (await loadContent(await scanContent(renamedSite(['Site.yml']))).catch((e: unknown) => e)) as ContentError;
    expect(error).toBeInstanceOf(ContentError);
    expect(error.problems).toEqual([{ file: 'site.yml', field: 'file', message: 'not found in memory:; "Site.yml" is there, but only a file named exactly site.yml is read', fix: 'rename "Site.yml" to site.yml' }]);
  });
});
