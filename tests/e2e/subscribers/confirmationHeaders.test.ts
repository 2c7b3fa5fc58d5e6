import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { PreviewProcess } from '../../support/preview.js';
import { readWithPythonEmail } from '../../support/pythonMail.js';
import { tempDir } from '../digest/support.js';

describe('the confirmation email of a signup on broadsheet preview, as a mail client reads it', () => {
  let preview: PreviewProcess | undefined;
  afterAll(async () => {
    await preview?.stop();
  });

  it('a site title that looks like an encoded word is shown as written in the subject (RFC 2047 §6.1); the Date is the site’s local time', async () => {
    const title = '=?utf-8?b?SGVsbG8=?= News'; // "SGVsbG8=" is "Hello" in base64
    const cwd = await tempDir('confirmation-headers');
    const content = join(cwd, 'content');
    await mkdir(join(content, 'entries', '2014'), { recursive: true });
    await writeFile(join(content, 'site.yml'), siteYaml({ title }, { from: 'Test Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }));
    await writeFile(join(content, 'entries', '2014', 'a.md'), entryText(entry({ date: '2014-05-07' })));
    preview = await new PreviewProcess(['--content', content, '--subscribers', join(cwd, 'subscribers'), '--outbox', join(cwd, 'outbox'), '--now', '2014-05-12T09:00:00+09:00'], { DIGEST_UNSUBSCRIBE_SECRET: 'a-secret-long-enough-for-tests' }).start();
    const signup = await fetch(`${preview.url}subscribe`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=ada%40example.org&page=%2F&website=', signal: AbortSignal.timeout(10_000) });
    expect(signup.status).toBe(200);
    const [file] = await readdir(join(cwd, 'outbox', 'confirmations'));
    const mail = readWithPythonEmail(await readFile(join(cwd, 'outbox', 'confirmations', file!)));
    expect(mail.headers.subject).toEqual([`Confirm your subscription to the weekly digest of ${title}`]);
    expect(mail.parts.flatMap((part) => part.defects)).toEqual([]);
    // RFC 5322 §3.3: local time, the site's (Asia/Seoul, +0900), as the digest's Date; the preview's clock runs on
    // from its --now, so the seconds are those since it started.
    expect(mail.headers.date).toEqual([expect.stringMatching(/^Mon, 12 May 2014 09:0\d:\d\d \+0900$/)]);
  });
});
