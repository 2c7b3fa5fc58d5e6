import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { serveLoopback, serveUnanswered } from '../../support/loopbackHttp.js';
import { tempDir } from '../digest/support.js';

// digest --send --transport ses to the contact list, against an SES endpoint that accepts the connection and never
// answers: each ListContacts is cut off by the timeout the environment sets (made short here), retried as many times
// as it says, and the error names the endpoint, the bounds and that nobody was sent the digest.
let hung: Awaited<ReturnType<typeof serveUnanswered>>;

beforeAll(async () => {
  hung = await serveUnanswered();
});
afterAll(() => hung.close());

describe('an SES endpoint that never answers the contact list', () => {
  it('digest --send gives up after the attempts and timeout SES_LIST_MAX_ATTEMPTS and SES_LIST_REQUEST_TIMEOUT_MS set, naming the endpoint and that nobody was sent it', async () => {
    const content = await contentFolder({
      site: siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', transport: 'ses', ses: { contactList: 'Readers', topic: 'weekly', identity: 'watch.example.org' } }),
      entries: { '2014/a.md': entryText(entry({ title: 'Kaesong output recovers', date: '2014-05-13' })) },
    });
    const cwd = await tempDir('ses-list-unanswered');
    const env = { SES_ENDPOINT: hung.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', SES_LIST_REQUEST_TIMEOUT_MS: '300', SES_LIST_MAX_ATTEMPTS: '2' };
    const started = Date.now();
    const run = await runCli(['digest', '--content', content, '--send', '--now', '2014-05-19T08:00:00+09:00'], { cwd, env });
    const took = Date.now() - started;
    expect(run.code).toBe(2);
    const endpoint = hung.endpoint.replaceAll('.', '\\.');
    expect(run.stderr).toMatch(
      new RegExp(
        `^broadsheet digest: cannot list the contacts of SES contact list "Readers" \\(topic "weekly"\\): ${endpoint} did not answer \\(2 attempts, each cut off after 0\\.3 s: SES_LIST_REQUEST_TIMEOUT_MS and SES_LIST_MAX_ATTEMPTS set these; TimeoutError[^:]*: .*\\); nobody was sent the digest \\(digest --send again sends it\\)$`,
        'm',
      ),
    );
    // Two ListContacts of the list (a POST in the SDK's model of SES v2), each cut off; no SendEmail.
    expect(hung.requests.map((request) => `${request.method} ${request.url!.split('?')[0]}`)).toEqual(['POST /v2/email/contact-lists/Readers/contacts/list', 'POST /v2/email/contact-lists/Readers/contacts/list']);
    // The CLI's start, two attempts of 0.3 s and the SDK's backoff between them (well under a second): not 3 × 15 s.
    expect(took).toBeLessThan(8_000);
  }, 30_000);
});

// Nothing listening: the connection is refused, which waits out no timeout, and no message can have gone out.
describe('an SES endpoint that refuses the connection', () => {
  const refusing = async () => {
    const closed = await serveLoopback((_req, res) => res.end());
    await closed.close();
    return closed.endpoint;
  };

  it('digest --send stops before anyone is sent the digest, naming the endpoint and that nothing was sent', async () => {
    const endpoint = await refusing();
    const content = await contentFolder({
      site: siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', transport: 'ses', ses: { identity: 'watch.example.org' }, unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }),
      entries: { '2014/a.md': entryText(entry({ title: 'Kaesong output recovers', date: '2014-05-13' })) },
    });
    const cwd = await tempDir('ses-send-refused');
    const env = { SES_ENDPOINT: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', DIGEST_UNSUBSCRIBE_SECRET: '0123456789abcdef0123456789abcdef' };
    const run = await runCli(['digest', '--content', content, '--send', '--to', 'ada@example.org', '--now', '2014-05-19T08:00:00+09:00'], { cwd, env });
    expect(run.code).toBe(2);
    const port = new URL(endpoint).port;
    expect(run.stderr).toMatch(new RegExp(`^stopped early: http://127\\.0\\.0\\.1:${port} refused the connection \\(nothing was sent\\): Error ECONNREFUSED: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}; rerun to send to the rest$`, 'm'));
    expect(run.stdout).toContain('0 sent');
  }, 30_000);

  it('digest --send to the contact list says the listing\'s connection was refused, not that it went unanswered', async () => {
    const endpoint = await refusing();
    const content = await contentFolder({
      site: siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', transport: 'ses', ses: { contactList: 'Readers', topic: 'weekly', identity: 'watch.example.org' } }),
      entries: { '2014/a.md': entryText(entry({ title: 'Kaesong output recovers', date: '2014-05-13' })) },
    });
    const env = { SES_ENDPOINT: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', SES_LIST_MAX_ATTEMPTS: '2' };
    const run = await runCli(['digest', '--content', content, '--send', '--now', '2014-05-19T08:00:00+09:00'], { cwd: await tempDir('ses-list-refused'), env });
    expect(run.code).toBe(2);
    const port = new URL(endpoint).port;
    expect(run.stderr).toMatch(
      new RegExp(`^broadsheet digest: cannot list the contacts of SES contact list "Readers" \\(topic "weekly"\\): http://127\\.0\\.0\\.1:${port} refused the connection \\(2 attempts; Error ECONNREFUSED: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\); nobody was sent the digest \\(digest --send again sends it\\)$`, 'm'),
    );
    // The week was archived before the listing: the files that publish wrote are listed all the same.
    expect(run.stdout).toMatch(/^new +\S+ +\S+ +digests\/2014-W20\.html$/m);
  }, 30_000);
});
