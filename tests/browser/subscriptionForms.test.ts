import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { LocalStore } from '../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../lib/subscribers/subscriber.js';
import { renderSubscriptionPage } from '../../lib/subscribers/renderSubscriptionPage.js';
import { chromiumAvailable, sharedChromium } from '../support/browser.js';
import { entry, entryText } from '../support/content.js';
import { siteYaml } from '../support/digestFixtures.js';
import { PreviewProcess } from '../support/preview.js';
import { tempDir } from '../e2e/digest/support.js';

/**
 * The subscription forms as Chromium sends them to the real `broadsheet preview`: the site's own forms work (the
 * browser's Origin and Sec-Fetch-Site, whatever the pages' referrer policy makes of them), and a form on another
 * site's page does nothing.
 */
const SECRET = 'browser-forms-secret-long-enough';
const available = chromiumAvailable('tests/browser/subscriptionForms.test.ts');

describe.runIf(available)('the subscription forms in a browser', () => {
  let context: BrowserContext;
  /** The one tab of the file: a new tab is a new renderer process, dearer than a page loaded in one open. */
  let page: Page;
  let cwd: string;
  let preview: PreviewProcess;
  let evil: Server;
  let evilUrl: string;
  const store = () => new StoreSubscriberStore(new LocalStore(join(cwd, 'subscribers')));

  beforeAll(async () => {
    cwd = await tempDir('browser-forms');
    const content = join(cwd, 'content');
    await mkdir(join(content, 'entries', '2014'), { recursive: true });
    // A site whose url has a path: its signup form climbs it to the origin's /subscribe, which the preview serves too.
    await writeFile(join(content, 'site.yml'), siteYaml({ url: 'https://watch.example.org/watch/' }, { from: 'Test Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}' } }));
    await writeFile(join(content, 'entries', '2014', 'a.md'), entryText(entry({ title: 'Trade story', url: 'https://news.example.com/a', date: '2014-05-07', tags: ['trade'] })));
    preview = await new PreviewProcess(['--content', content, '--subscribers', join(cwd, 'subscribers'), '--outbox', join(cwd, 'outbox'), '--now', '2014-05-12T09:00:00+09:00'], { DIGEST_UNSUBSCRIBE_SECRET: SECRET }).start();
    // Another site: a page named localhost, whose form posts to the preview on 127.0.0.1.
    evil = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html><title>Win a prize</title><form method="post" action="${preview.url}subscribe"><input name="email" value="victim@example.org"><button>Win</button></form>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}/`;
    context = await (await sharedChromium()).newContext();
    page = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => evil?.close(resolve));
    await preview?.stop();
  });

  it('a subscription page with a long unbroken site title and topic name fits a 320 px phone, scrolling nowhere sideways', async () => {
    const long = `Unbroken${'x'.repeat(120)}`;
    const html = renderSubscriptionPage({
      siteTitle: `Watch ${long}`,
      language: 'en',
      heading: 'Your topics',
      paragraphs: [`Choose the topics of ${long} you receive.`],
      form: { action: '/preferences', hidden: { token: 't' }, tags: [{ slug: 'long', name: `Tag${long}`, checked: true }, { slug: 'arabic', name: 'تجارة', checked: false }], button: 'Save' },
    });
    // A phone, then the tab's own size again; the page is written into a blank document, as a new tab's.
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: 320, height: 640 });
    onTestFinished(() => page.setViewportSize(size));
    await page.goto('about:blank');
    await page.setContent(html);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    // The Save button is on screen, not pushed off its right edge.
    const save = await page.getByRole('button', { name: 'Save' }).boundingBox();
    expect(save!.x + save!.width).toBeLessThanOrEqual(320);
  });

  it("a form on another site's page posting to /subscribe gets 403 and signs nobody up", async () => {
    await page.goto(evilUrl);
    const [response] = await Promise.all([page.waitForResponse((r) => r.url() === `${preview.url}subscribe`), page.click('button')]);
    expect(response.status()).toBe(403);
    expect(await page.textContent('h1')).toBe('Sent from another site');
    expect(await store().get(subscriberId('victim@example.org'))).toBeUndefined();
  });

  it("the site's own forms sign up, confirm and unsubscribe", async () => {
    const posts: Request[] = [];
    const onRequest = (request: Request) => void (request.method() === 'POST' && posts.push(request));
    page.on('request', onRequest);
    onTestFinished(() => void page.off('request', onRequest));
    await page.goto(preview.url);
    await page.fill('#signup-email', 'ada@example.org');
    await Promise.all([page.waitForURL(`${preview.url}subscribe`), page.click('form.signup button')]);
    expect(await page.textContent('h1')).toBe('Check your inbox');

    const [email] = await readdir(join(cwd, 'outbox', 'confirmations'));
    const raw = (await readFile(join(cwd, 'outbox', 'confirmations', email!), 'utf8')).replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/confirm\?token=[A-Za-z0-9._-]+)/.exec(raw)![1]!;
    await page.goto(link);
    await Promise.all([page.waitForURL(`${preview.url}confirm`), page.click('button')]);
    expect(await page.textContent('h1')).toBe("You're subscribed");
    expect((await store().get(subscriberId('ada@example.org')))?.subscriber.status).toBe('confirmed');
    // Why Sec-Fetch-Site is read first: the confirm page's Referrer-Policy: no-referrer makes its own POST's Origin "null".
    const confirmPost = await posts.find((request) => request.url() === `${preview.url}confirm`)!.allHeaders();
    expect([confirmPost.origin, confirmPost['sec-fetch-site']]).toEqual(['null', 'same-origin']);

    // The page's own way out: its Unsubscribe link opens the unsubscribe page, which changes nothing until its button.
    await Promise.all([page.waitForURL(/\/unsubscribe\?token=/), page.click('a:text-is("Unsubscribe")', { timeout: 5_000 })]);
    expect((await store().get(subscriberId('ada@example.org')))?.subscriber.status).toBe('confirmed');
    await page.click('button');
    await page.waitForSelector('h1:text("Unsubscribed")');
    expect((await store().get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');
  });
});
