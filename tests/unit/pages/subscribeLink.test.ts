import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseSite } from '../../../lib/content/site.js';
import { SITE } from '../../support/content.js';

const withDigest = (digest: Record<string, unknown>) => parseSite(dump({ ...SITE, digest: { from: 'Editors <editors@watch.example.org>', ...digest } }));

describe('digest.subscribe', () => {
  it('is a known field: an https or mailto link raises no warning', () => {
    for (const subscribe of ['https://watch.example.org/digest', 'mailto:editors@watch.example.org?subject=subscribe']) {
      const parsed = withDigest({ subscribe });
      expect(parsed.problems).toEqual([]);
      expect(parsed.warnings.filter((w) => w.field.includes('subscribe'))).toEqual([]);
    }
  });

  it('reports a link that is neither https nor mailto', () => {
    expect(withDigest({ subscribe: 'javascript:alert(1)' }).problems).toMatchObject([{ field: 'digest.subscribe' }]);
  });
});
