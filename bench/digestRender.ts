import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { DigestSendOptions } from '../lib/delivery/digestDelivery.js';
import { runDigest } from '../cli/digestRun.js';
import { digestArtifacts } from '../lib/digest/digestArtifacts.js';
import { LocalStore } from '../lib/store/localStore.js';
import { MemoryStore } from '../lib/store/memoryStore.js';
import { DIGEST_WEEK, DIGEST_WEEK_START, generateCorpus } from './corpus.js';
import { spread, type NotMeasured, type Spread } from './measure.js';

export interface DigestRenderReport {
  /** The entries' words (bench/corpus.ts); absent in reports from before it was asked. */
  script?: 'english' | 'korean-thai';
  entries: number;
  week: string;
  /**
   * One digest run of the week in this process, per run, the first run included: `runDigest` (what `broadsheet
   * digest --send` does) with the digest's own files only, into an empty output store, sending to one recipient.
   * That is the week's first paragraphs, the digest models and archive, the email HTML and text, the message.
   */
  renderMs: Spread;
  firstRunMs: number;
  htmlBytes: number;
  textBytes: number;
}


// What a send needs in site.yml; the corpus's own site.yml has no digest block.
const DIGEST_SETTINGS = [
  'digest:',
  '  from: "Bench Economy Watch <digest@bench.example.org>"',
  '  unsubscribe:',
  '    url: "https://lists.bench.example.org/unsubscribe?email={email}"',
  '    mailto: unsubscribe@bench.example.org',
  '',
].join('\n');

/**
 * Times the digest of one week holding `entries` entries through `runDigest`, the CLI's digest run, `runs`
 * times, each into a new empty output store (so every first paragraph is read again, as on a first publish).
 * Only the digest's family of files is published (`builders`), so the feeds and pages do not count; the email
 * goes to one recipient through a transport that keeps it in memory. `script` 'korean-thai' writes the week's
 * entries in Korean and Thai, whose text part is wrapped in columns (lib/shared/wrapText.ts), not by length.
 */
export async function benchDigestRender(options: { workDir: string; seed: number; runs: number; entries?: number; script?: 'english' | 'korean-thai'; log: (line: string) => void }): Promise<DigestRenderReport | NotMeasured> {
  const count = options.entries ?? 200;
  const script = options.script ?? 'english';
  const dir = join(options.workDir, `digest-${script}`);
  mkdirSync(dir, { recursive: true });
  try {
    const corpus = generateCorpus(dir, { count, seed: options.seed, firstDay: DIGEST_WEEK_START, days: 7, dateTimes: false, script });
    appendFileSync(join(dir, 'site.yml'), DIGEST_SETTINGS);
    const content = new LocalStore(dir);
    const now = DateTime.fromMillis(DIGEST_WEEK_START + 7 * 86_400_000, { zone: 'utc' });
    const times: number[] = [];
    let html = '';
    let text = '';
    let inWeek = 0;
    for (let i = 0; i < options.runs; i++) {
      const sent: { html: string; text: string }[] = [];
      const send: DigestSendOptions = {
        transport: () => ({
          name: 'file',
          listManaged: false,
          send: async (message) => {
            sent.push(message);
            return `message ${sent.length}`;
          },
        }),
        recipients: async () => [{ address: 'reader@bench.example.org' }],
      };
      const started = performance.now();
      const result = await runDigest({ content, output: new MemoryStore(), now, week: DIGEST_WEEK, builders: [digestArtifacts], send });
      times.push(Math.round((performance.now() - started) * 10) / 10);
      if (result.send?.sent !== 1 || sent.length !== 1) throw new Error(`the digest run sent ${sent.length} messages, not 1`);
      html = sent[0]!.html;
      text = sent[0]!.text;
      inWeek = result.model.entries.length;
    }
    if (inWeek !== corpus.entries.filter((entry) => !entry.draft).length) throw new Error(`the digest week holds ${inWeek} entries, not the corpus's ${count}`);
    const report: DigestRenderReport = { script, entries: inWeek, week: DIGEST_WEEK, renderMs: spread(times), firstRunMs: times[0]!, htmlBytes: Buffer.byteLength(html), textBytes: Buffer.byteLength(text) };
    options.log(`Digest run, ${DIGEST_WEEK} with ${inWeek} entries in ${script === 'english' ? 'English' : 'Korean and Thai'}: ${report.renderMs.median} ms (${report.renderMs.min}–${report.renderMs.max}; first run ${report.firstRunMs} ms)`);
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
