import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { readWithPythonEmail } from '../../support/pythonMail.js';
import { tempDir } from './support.js';

// README, entry fields: imageAlt is the image's alt on the entry's page; without it the image is decorative (alt="").
const described = entry({ title: 'Spring fair opens', url: 'https://news.example.com/fair', date: '2014-05-06', image: 'https://img.example.com/fair.jpg', imageAlt: 'Stalls & crowds at the fair' });
const decorative = entry({ title: 'New bridge opens', url: 'https://news.example.com/bridge', date: '2014-05-08', image: 'https://img.example.com/bridge.jpg' });

/** Each <img> with the href of the link right around it, if any. */
function images(html: string): { src: string; alt: string | undefined; href: string | undefined }[] {
  return [...html.matchAll(/(?:<a href="([^"]*)"[^>]*>)?<img ([^>]*)>/g)].map(([, href, attributes]) => ({
    src: /src="([^"]*)"/.exec(attributes!)![1]!,
    alt: /\balt="([^"]*)"/.exec(attributes!)?.[1],
    href,
  }));
}

describe('the digest’s images, in the email and the archived page, as the entry page has them', () => {
  it('takes the alt from imageAlt (the image linked), and makes an image without it decorative (alt="", not linked)', async () => {
    const content = await contentFolder({ site: siteYaml(), entries: { '2014/fair.md': entryText(described), '2014/bridge.md': entryText(decorative) } });
    const cwd = await tempDir('digest-image-alt');
    const run = await runCli(['digest', '--content', content, '--week', '2014-W19', '--send', '--now', '2014-05-12T08:00:00+09:00', '--to', 'ada@example.org', '--quiet'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [file] = await readdir(join(cwd, 'outbox/2014-W19'));
    const mail = readWithPythonEmail(await readFile(join(cwd, 'outbox/2014-W19', file!)));
    const emailHtml = mail.parts.find((part) => part.type === 'text/html')!.content!;
    const archive = await readFile(join(cwd, 'public/digests/2014-W19.html'), 'utf8');
    const expected = [
      { src: 'https://img.example.com/fair.jpg', alt: 'Stalls &amp; crowds at the fair', href: 'https://news.example.com/fair' },
      { src: 'https://img.example.com/bridge.jpg', alt: '', href: undefined },
    ];
    expect(images(emailHtml)).toEqual(expected);
    expect(images(archive)).toEqual(expected);
    // The entry pages follow the same rule.
    const pages = (await readdir(join(cwd, 'public/entries'), { recursive: true })).filter((name) => name.endsWith('.html'));
    const onPages = await Promise.all(pages.map(async (name) => images(await readFile(join(cwd, 'public/entries', name), 'utf8'))));
    expect(onPages.flat().map(({ src, alt }) => [src, alt]).sort()).toEqual(expected.map(({ src, alt }) => [src, alt]).sort());
  });
});
