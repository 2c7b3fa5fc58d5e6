import { DateTime } from 'luxon';
import { HANDOVER_WAIT_MS, settleUnknown, type Settled, type Verdict } from '../../lib/delivery/settleUnknown.js';
import { UsageError } from '../../lib/shared/errors.js';
import { parseFlags } from '../args.js';
import { EXIT_FAILURE, EXIT_OK, type CliIo, type Command } from '../io.js';
import { refuseNoOutputFolder } from '../refuseNoOutputFolder.js';
import { outputStore, S3_FLAG_HELP, S3_FLAG_OPTIONS } from '../stores.js';

const HELP = `Usage: broadsheet settle --week YYYY-Www (--delivered ADDRESS | --resend ADDRESS)... [options]

Settles a digest recipient the week's send left unknown: the message was handed to the mail server and
no answer came back, so it may have been delivered, and no send mails it again. Look for its
Message-ID (<digest.YYYY-Www.…>) in the mail server's log (or SES's), then record what it says:

  --delivered ADDRESS  the server accepted it: recorded sent, never sent again
  --resend ADDRESS     the server never accepted it: the next digest --send for the week mails it

Both repeat, one address each; an address may be the recipient's ledger id instead (32 hex digits),
as the digest functions log it ("recipient unknown"). Nothing is sent here: only the week's send ledger is written. A
recipient whose latest attempt is not unknown (sent, failed or released already, or claimed and not
handed over, which the next send takes over by itself) is left as it is, and said so (exit 2). So is
one handed over in the last ${HANDOVER_WAIT_MS / 60_000} minutes: the run that handed it over may still be waiting for
the server's answer, and record it sent after a resend mailed it again.

Options:
  --week YYYY-Www   the digest week, as the send's summary or broadsheet status names it
  --out DIR         the output folder that keeps the send ledger (default: public)
${S3_FLAG_HELP.replace('write to this S3 bucket', 'write the ledger in this S3 bucket')}
  --force           settle a recent handover too: only when the run that handed it over has ended
  --json            print what was settled as JSON
  --quiet           print only the summary line
  --debug           show stack traces of unexpected errors (also DEBUG=1)
  -h, --help        show this help

Exit status: 0 every address settled, 2 any was not (or another failure).`;

export const settleCommand: Command = {
  name: 'settle',
  summary: 'record a digest recipient left unknown as delivered, or to be sent again, from the mail server\'s log',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const flags = parseFlags('settle', argv, {
      week: { type: 'string' },
      delivered: { type: 'string', multiple: true },
      resend: { type: 'string', multiple: true },
      out: { type: 'string' },
      ...S3_FLAG_OPTIONS,
      force: { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      debug: { type: 'boolean' },
    });
    if (flags.week === undefined) throw new UsageError('settle: --week YYYY-Www is required: the week whose send left the recipient unknown');
    const asked: { address: string; verdict: Verdict }[] = [...(flags.delivered ?? []).map((address) => ({ address, verdict: 'delivered' as const })), ...(flags.resend ?? []).map((address) => ({ address, verdict: 'resend' as const }))];
    if (asked.length === 0) throw new UsageError('settle: give --delivered ADDRESS or --resend ADDRESS, as the mail server\'s log tells');
    // A mistyped folder holds no ledger: every address would read as never claimed.
    if (flags.bucket === undefined) refuseNoOutputFolder('settle', flags.out, io, ', which keeps the send ledger');
    const output = outputStore(flags.out, io, { bucket: flags.bucket, prefix: flags.prefix, endpoint: flags.endpoint });
    const results = await settleUnknown(output, flags.week, asked, { now: DateTime.utc(), force: Boolean(flags.force) });
    const settled = results.filter((result) => result.settled).length;
    if (flags.json) io.stdout(JSON.stringify({ week: flags.week, output: output.description, results }, null, 2));
    else {
      if (!flags.quiet) for (const result of results) io.stdout(settledLine(result, flags.week));
      io.stdout(`Settled ${settled} of ${asked.length} in the ${flags.week} send ledger of ${output.description}`);
    }
    return settled === asked.length ? EXIT_OK : EXIT_FAILURE;
  },
};

function settledLine(result: Settled, week: string): string {
  if (!result.settled && 'settleFrom' in result) {
    return `not settled  ${result.address}: attempt ${result.attempt} was handed over at ${result.handedAt}, and the run that handed it over may still be waiting for the server's answer; settle it from ${result.settleFrom}, or now with --force if that run has ended`;
  }
  if (!result.settled) {
    const why = result.status === 'none' ? `no send of ${week} claimed it (check the week and the address)` : result.status === 'unhanded' ? 'claimed and never handed over: nothing was sent, and the next digest --send sends it' : `its latest attempt is ${result.status} already`;
    return `not settled  ${result.address}: ${why}`;
  }
  return result.verdict === 'delivered'
    ? `delivered    ${result.address}: attempt ${result.attempt} recorded sent; no send mails it again`
    : `resend       ${result.address}: attempt ${result.attempt} recorded not delivered; the next digest --send for ${week} mails it`;
}
