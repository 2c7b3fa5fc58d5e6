import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { killAfterWriteOfEnv } from '../../support/killAtWrite.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { readWithPythonEmail } from '../../support/pythonMail.js';
import { readWithUniversalFeedParser } from '../../support/universalFeedParser.js';
import { tempDir } from './support.js';

// 2014-W19 is 5–11 May 2014 in Seoul; it closes on Monday 12 May 00:00 +09:00 (11 May 15:00Z), when it is sent.
const CLOSED = Date.UTC(2014, 4, 11, 15);
const first = entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06' });
const second = entry({ title: 'Rice prices steady', url: 'https://news.example.com/rice', date: '2014-05-08' });
const late = entry({ title: 'Port traffic rises', url: 'https://news.example.com/port', date: '2014-05-09' });

describe('a week corrected after its digest went out, as the digest feeds show it', () => {
  it('check --out and the publish warn of an entry added to the week mailed; the archive page shows the correction, and the feed item keeps its id and publication time and is updated at the correction; the page stays once its entries move out (warned: the next week’s email carries them again), and one moved back, even after a publish that skipped it invalid, is not warned about; after a change of timezone, one with an offset that now falls in the mailed week is, also by the publish after one killed right after its entry index; one the next mailed week carried, moved into the first, is not; one re-dated past now is warned about as held back and as mailed again', async () => {
    const content = await contentFolder({ site: siteYaml(), entries: { '2014/kaesong.md': entryText(first), '2014/rice.md': entryText(second) } });
    await writeFile(join(content, 'subscribers.txt'), 'ada@example.org\n');
    const cwd = await tempDir('digest-corrected');
    const sent = await runCli(['digest', '--content', content, '--week', '2014-W19', '--send', '--now', '2014-05-12T08:00:00+09:00', '--quiet'], { cwd });
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    const atom = () => readFile(join(cwd, 'public/digests/atom.xml'), 'utf8');
    const before = readWithUniversalFeedParser(await atom());
    expect(before.entries.map((item) => [item.published, item.updated])).toEqual([[CLOSED, CLOSED]]);

    // On Wednesday the editor corrects the first title and says so (updated), adds an entry dated in the week
    // mailed (no email will carry it: warned, with the current week to date it in), then publishes.
    await writeFile(join(content, 'entries/2014/kaesong.md'), entryText({ ...first, title: 'Kaesong output recovers (corrected)', updated: '2014-05-14T09:30:00' }));
    await writeFile(join(content, 'entries/2014/port.md'), entryText(late));
    // `check --out` warns of it as the publish does, before it: the editor learns it without publishing.
    const warned =
      "warning: entries/2014/port.md: date: is dated 2014-05-09T00:00:00+09:00, in week 2014-W19, whose digest was already sent to subscribers: no email will carry it (that week's archive page shows it) (if it is news to subscribers, date it in the current week (2014-W20) so that the next digest carries it; otherwise leave it)\n";
    const checked = await runCli(['check', '--content', content, '--out', join(cwd, 'public'), '--now', '2014-05-14T10:00:00+09:00', '--quiet'], { cwd });
    // check alone also warns of site.yml's {email} unsubscribe link (guessableUnsubscribeWarning), which is not this test's.
    expect(checked.stderr.split(/(?<=\n)/).filter((line) => !line.startsWith('warning: site.yml: digest.unsubscribe.url:')).join('')).toBe(warned);
    expect(checked.code).toBe(0);
    const published = await runCli(['publish', '--content', content, '--now', '2014-05-14T10:00:00+09:00', '--quiet'], { cwd });
    expect(published.stderr).toBe(warned);
    expect(published.code).toBe(0);

    // The .eml's "View in browser" link is the archived page, which now holds the corrected title.
    const [file] = await readdir(join(cwd, 'outbox/2014-W19'));
    const text = readWithPythonEmail(await readFile(join(cwd, 'outbox/2014-W19', file!))).parts.find((part) => part.type === 'text/plain')!.content!;
    const view = /View in browser: https:\/\/watch\.example\.org\/(\S+)/.exec(text)![1]!;
    expect(await readFile(join(cwd, 'public', view), 'utf8')).toContain('Kaesong output recovers (corrected)');

    const after = readWithUniversalFeedParser(await atom());
    expect(after.bozo).toBe(false);
    expect(after.entries.map((item) => item.id)).toEqual(before.entries.map((item) => item.id));
    // 09:30 in Seoul on 14 May is 00:30Z.
    expect(after.entries.map((item) => [item.published, item.updated])).toEqual([[CLOSED, Date.UTC(2014, 4, 14, 0, 30)]]);
    expect(after.entries[0]!.summary).toContain('Kaesong output recovers (corrected)');
    const json = JSON.parse(await readFile(join(cwd, 'public/digests/feed.json'), 'utf8')) as { items: { date_published: string; date_modified: string }[] };
    expect(json.items.map((item) => [Date.parse(item.date_published), Date.parse(item.date_modified)])).toEqual([[CLOSED, Date.UTC(2014, 4, 14, 0, 30)]]);

    // The next Monday the editor finds the entries were from the week after (W20, 12–18 May) and re-dates them. W19
    // was mailed, so its page stays, as an empty week, on the archive's page too: the email's link keeps working.
    // W20's digest is not sent yet: it will carry each again (port too, which W19's email never had: the index cannot
    // tell, and the fix says so).
    for (const [file, item] of [['kaesong', first], ['rice', second], ['port', late]] as const) await writeFile(join(content, `entries/2014/${file}.md`), entryText({ ...item, date: '2014-05-13' }));
    const moved = await runCli(['publish', '--content', content, '--now', '2014-05-19T10:00:00+09:00', '--quiet'], { cwd });
    const twice = (file: string) =>
      `warning: entries/2014/${file}.md: date: was in week 2014-W19, whose digest was already sent to subscribers, and is dated 2014-05-13T00:00:00+09:00 now, in week 2014-W20, whose digest is not sent yet: that digest will carry it again, so subscribers who had it in the 2014-W19 email see it twice ` +
      '(to keep it to the 2014-W19 email, date it in 2014-W19 again (its dates read in Asia/Seoul); or leave it, if it is news to subscribers again or was added to 2014-W19 after that digest went out)\n';
    expect(moved.stderr).toBe(['kaesong', 'port', 'rice'].map(twice).join(''));
    expect(moved.code).toBe(0);
    const page = await readFile(join(cwd, 'public', view), 'utf8');
    expect(page).toContain('No new entries this week');
    expect(page).toContain('href="https://watch.example.org/"');
    expect(await readFile(join(cwd, 'public/digests/index.html'), 'utf8')).toContain('<a href="2014-W19.html" dir="auto">');

    // Half-edited, it is left out of one publish (--skip-invalid): the index still keeps the week that mailed it.
    await writeFile(join(content, 'entries/2014/kaesong.md'), entryText({ ...first, date: '2014-05-13', source: '' }));
    const skipped = await runCli(['publish', '--content', content, '--now', '2014-05-19T10:30:00+09:00', '--quiet', '--skip-invalid'], { cwd });
    expect(skipped.code).toBe(0);

    // Wrong after all: the Kaesong entry was of 6 May. The email of W19 carried it, so moved back it is no late addition.
    // An entry written with an offset is added for Monday 12 May 05:00 in Seoul, in W20.
    await writeFile(join(content, 'entries/2014/kaesong.md'), entryText(first));
    await writeFile(join(content, 'entries/2014/ferry.md'), entryText(entry({ title: 'Ferry resumes', url: 'https://news.example.com/ferry', date: '2014-05-12T05:00:00+09:00' })));
    const back = await runCli(['publish', '--content', content, '--now', '2014-05-19T11:00:00+09:00', '--quiet'], { cwd });
    expect(back.stderr).toBe('');
    expect(back.code).toBe(0);

    // In UTC the ferry's instant is Sunday 11 May 20:00, in W19, which no email carried it in: warned as added late.
    // The dates written without an offset keep their week (the timezone warning is the one they get).
    await writeFile(join(content, 'site.yml'), siteYaml({ timezone: 'UTC' }));
    // A new entry of W20 (12–18 May in UTC), not mailed yet: nothing to warn of.
    const dam = entry({ title: 'Dam opens', url: 'https://news.example.com/dam', date: '2014-05-14' });
    await writeFile(join(content, 'entries/2014/dam.md'), entryText(dam));
    // The first try is killed right after writing its entry index: the next one still compares each date with the zone
    // the last finished publish read it in (kept in the killed one's intent).
    const killed = await runCli(['publish', '--content', content, '--now', '2014-05-19T11:30:00+09:00', '--quiet'], { cwd, env: killAfterWriteOfEnv('_broadsheet/index.json') });
    expect(killed.code).toBeNull();
    const rezoned = await runCli(['publish', '--content', content, '--now', '2014-05-19T11:30:00+09:00', '--quiet'], { cwd });
    const lines = rezoned.stderr.split(/(?<=\n)/);
    expect(lines.filter((line) => line.startsWith('warning: site.yml: timezone: moves the dates of 3 published entries written without an offset'))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('warning: took over the lock '))).toHaveLength(1);
    expect(lines.filter((line) => !line.startsWith('warning: site.yml: timezone:') && !line.startsWith('warning: took over the lock ')).join('')).toBe(
      "warning: entries/2014/ferry.md: date: is dated 2014-05-11T20:00:00Z, in week 2014-W19, whose digest was already sent to subscribers: no email will carry it (that week's archive page shows it) (if it is news to subscribers, date it in the current week (2014-W21) so that the next digest carries it; otherwise leave it)\n",
    );
    expect(rezoned.code).toBe(0);

    // W20 is sent, with the dam in it. Re-dated into W19, mailed too, the dam is in no email again and lost to no one:
    // W19's email did not carry it, W20's did, so it is not warned about.
    const sentW20 = await runCli(['digest', '--content', content, '--week', '2014-W20', '--send', '--now', '2014-05-19T18:00:00+09:00', '--quiet'], { cwd });
    expect(sentW20.code).toBe(0);
    const [w20] = await readdir(join(cwd, 'outbox/2014-W20'));
    expect(readWithPythonEmail(await readFile(join(cwd, 'outbox/2014-W20', w20!))).parts.find((part) => part.type === 'text/plain')!.content).toContain('Dam opens');
    // Rice, which W20's email carried, is re-dated past now into W22 (26 May – 1 June): held back until then, and
    // W22's email carries it once more.
    await writeFile(join(content, 'entries/2014/dam.md'), entryText({ ...dam, date: '2014-05-10' }));
    await writeFile(join(content, 'entries/2014/rice.md'), entryText({ ...second, date: '2014-05-27' }));
    const between = await runCli(['publish', '--content', content, '--now', '2014-05-19T18:30:00+09:00', '--quiet'], { cwd });
    expect(between.stderr).toBe(
      'warning: entries/2014/rice.md: date: was published, and is now held back until 2014-05-27T00:00:00Z: its page and its items in the feeds are removed until then, and when it returns readers do not show it as new ' +
        '(if this is a correction, keep its date (2014-05-13T00:00:00Z) and set updated: to when it is made; if it must come down until then, leave it)\n' +
        'warning: entries/2014/rice.md: date: was in week 2014-W20, whose digest was already sent to subscribers, and is dated 2014-05-27T00:00:00Z now, in week 2014-W22, whose digest is not sent yet: that digest will carry it again once its date comes, so subscribers who had it in the 2014-W20 email see it twice ' +
        '(to keep it to the 2014-W20 email, date it in 2014-W20 again (its dates read in UTC); or leave it, if it is news to subscribers again or was added to 2014-W20 after that digest went out)\n',
    );
    expect(between.code).toBe(0);
  });
});
