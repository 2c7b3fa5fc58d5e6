import { describe, expect, it } from 'vitest';
import { requireSite } from '../../../lib/delivery/digestDelivery.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { memoryContent, SITE } from '../../support/content.js';

describe('the site.yml a digest run requires', () => {
  it('refused, keeps its warnings beside its problems: a misspelt field often explains a missing one', async () => {
    const { timezone: _, ...rest } = SITE;
    const error = await requireSite(memoryContent({ site: { ...rest, timeZone: 'Asia/Seoul' }, entries: {} })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toMatchObject([{ file: 'site.yml', field: 'timezone' }]);
    expect((error as ContentError).warnings).toMatchObject([{ file: 'site.yml', field: 'timeZone', message: 'is not a known field and is ignored' }]);
  });

  it('missing, names a file beside it that is site.yml under another name', async () => {
    const content = memoryContent({ site: SITE, entries: {} });
    content.objects.set('site.yml.txt', content.objects.get('site.yml')!);
    content.objects.delete('site.yml');
    const error = await requireSite(content).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual([{ file: 'site.yml', field: 'file', message: 'not found in memory:; "site.yml.txt" is there, but only a file named exactly site.yml is read', fix: 'rename "site.yml.txt" to site.yml' }]);
  });
});
