import { inflateSync } from 'node:zlib';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseSite } from '../../../lib/content/site.js';
import { publish } from '../../../lib/publish/publish.js';
import { PAGE_PALETTE } from '../../../lib/shared/pagePalette.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { dump } from 'js-yaml';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { childrenNamed, findOne, parseXml } from '../../support/xml.js';

const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');
const entries = { '2014/a.md': entryText(entry({ title: 'Alpha', url: 'https://news.example.com/a', tags: ['Trade'] })) };

async function build(site: Record<string, unknown> = SITE) {
  const output = new MemoryStore();
  await publish({ content: memoryContent({ site, entries }), output, now: NOW, websub: false });
  return output;
}

/** Width, height and RGB pixels of an 8-bit RGB PNG with filter 0 rows. */
function decodePng(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => string } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect([png[24], png[25]]).toEqual([8, 2]);
  let at = 8;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = 1 + width * 3;
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return { width, height, pixel: (x, y) => `#${hex(raw[y * stride + 1 + x * 3]!)}${hex(raw[y * stride + 2 + x * 3]!)}${hex(raw[y * stride + 3 + x * 3]!)}` };
}

describe('the site icon', () => {
  it('without icon: in site.yml, publish writes icon.png, a square PNG of the initials, and every feed and page uses it', async () => {
    const output = await build();
    const png = output.objects.get('icon.png')!;
    expect(png.contentType).toBe('image/png');
    const { width, height, pixel } = decodePng(png.body);
    expect([width, height]).toEqual([256, 256]);
    // The corner is the background; somewhere the initials are drawn in white.
    expect(pixel(0, 0)).toBe(PAGE_PALETTE.light.accent);
    let white = 0;
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (pixel(x, y) === '#ffffff') white++;
    expect(white).toBeGreaterThan(1000);
    // "Test Watch": TW; another title draws other initials.
    const other = await build({ ...SITE, title: 'Other Site' });
    expect(other.objects.get('icon.png')!.body.equals(png.body)).toBe(false);
    expect((await build()).objects.get('icon.png')!.body.equals(png.body)).toBe(true);

    const icon = 'https://watch.example.org/icon.png';
    const rssImage = findOne(parseXml(output.text('rss.xml')!), 'image');
    expect(childrenNamed(rssImage, 'url')[0]!.text).toBe(icon);
    expect(childrenNamed(rssImage, 'title')[0]!.text).toBe(SITE.title);
    expect(childrenNamed(rssImage, 'link')[0]!.text).toBe(SITE.url);
    const atom = parseXml(output.text('tags/trade/atom.xml')!);
    expect(childrenNamed(atom, 'icon')[0]!.text).toBe(icon);
    expect(childrenNamed(atom, 'logo')).toEqual([]);
    expect(JSON.parse(output.text('feed.json')!)).toMatchObject({ icon, favicon: icon });
    expect(output.text('index.html')).toContain('<link rel="icon" href="icon.png">');
    expect(output.text('tags/trade/index.html')).toContain('<link rel="icon" href="../../icon.png">');
    expect(output.text('entries/2014/a/index.html')).toContain('<link rel="icon" href="../../../icon.png">');
  });

  it('with icon: and logo: in site.yml, feeds and pages use them and no icon is generated', async () => {
    const icon = 'https://cdn.example.org/icon.png';
    const logo = 'https://cdn.example.org/logo.png';
    const output = await build({ ...SITE, icon, logo });
    expect(output.objects.has('icon.png')).toBe(false);
    expect(childrenNamed(findOne(parseXml(output.text('rss.xml')!), 'image'), 'url')[0]!.text).toBe(icon);
    const atom = parseXml(output.text('atom.xml')!);
    expect(childrenNamed(atom, 'icon')[0]!.text).toBe(icon);
    expect(childrenNamed(atom, 'logo')[0]!.text).toBe(logo);
    expect(JSON.parse(output.text('feed.json')!)).toMatchObject({ icon, favicon: icon });
    expect(output.text('index.html')).toContain(`<link rel="icon" href="${icon}">`);
  });

  it('check refuses an icon or logo that is not an absolute http(s) URL, naming the field', () => {
    const parsed = parseSite(dump({ ...SITE, icon: 'icon.png', logo: 'javascript:alert(1)' }));
    expect(parsed.site).toBeUndefined();
    expect(parsed.problems.map((p) => p.field)).toEqual(['icon', 'logo']);
    expect(parsed.problems[0]!.fix).toMatch(/absolute|URL/);
  });
});
