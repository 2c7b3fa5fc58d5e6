import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { COMMANDS, main } from '../../../cli/main.js';

describe('main', () => {
  it('refuses an unknown command with --json as one JSON document on stdout, as every refusal', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (line) => out.push(line), stderr: (line) => err.push(line), env: {}, cwd: '/', isTty: false };
    expect(await main(['frob', '--json'], io)).toBe(2);
    const message = 'unknown command "frob" (run broadsheet --help for the list)';
    expect(JSON.parse(out.join('\n'))).toEqual({ ok: false, command: 'frob', error: 'UsageError', message });
    expect(err).toEqual([`broadsheet: ${message}`]);
  });

  it("gives in each command's --help the flags README says every command takes", async () => {
    for (const entry of COMMANDS) {
      const out: string[] = [];
      const io: CliIo = { stdout: (line) => out.push(line), stderr: () => undefined, env: {}, cwd: '/', isTty: false };
      expect(await main([entry.name, '--help'], io)).toBe(0);
      for (const flag of ['--json', '--quiet', '--debug']) expect(out.join('\n'), `${entry.name} --help`).toMatch(new RegExp(`^  ${flag} `, 'm'));
    }
  });

  it('names the command beside the flag a usage error is about', async () => {
    const err: string[] = [];
    const io: CliIo = { stdout: () => undefined, stderr: (line) => err.push(line), env: {}, cwd: '/', isTty: false };
    expect(await main(['publish', '--now', '2014-06-01T09:30'], io)).toBe(2);
    expect(err).toEqual(['broadsheet publish: --now: "2014-06-01T09:30" has a time but no offset (write it with one: 2014-06-01T09:30Z for UTC, or e.g. 2014-06-01T09:30+09:00)']);
  });

  it('--now by an entry date\'s rules: 24:00 is a usage line in the entry date\'s words, exit 2', async () => {
    const err: string[] = [];
    const io: CliIo = { stdout: () => undefined, stderr: (line) => err.push(line), env: {}, cwd: '/', isTty: false };
    expect(await main(['publish', '--content', '/nonexistent-content', '--out', '/nonexistent-out', '--now', '2026-01-05T24:00:00Z'], io)).toBe(2);
    expect(err).toEqual(['broadsheet publish: --now: 2026-01-05T24:00:00Z is not a real date and time (check the month, day, hour (00-23) and minute (00-59))']);
  });

  it('--now outside the years 1000-9999 or beyond ±23:59 is a usage line, exit 2', async () => {
    const err: string[] = [];
    const io: CliIo = { stdout: () => undefined, stderr: (line) => err.push(line), env: {}, cwd: '/', isTty: false };
    const now = '+010000-01-01T00:00:00Z';
    expect(await main(['publish', '--content', '/nonexistent-content', '--out', '/nonexistent-out', '--now', now], io)).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(`--now: ${JSON.stringify(now)} is outside the years 1000 to 9999`);
    expect(err[0]).not.toContain('Invalid time value');
  });

  it('refuses a preview --port not written in decimal digits, exit 2, before reading the content folder', async () => {
    for (const port of ['0x1F90', '8e3', '-1', '65536', '80.0']) {
      const err: string[] = [];
      const io: CliIo = { stdout: () => undefined, stderr: (line) => err.push(line), env: {}, cwd: '/', isTty: false };
      expect(await main(['preview', '--content', '/nonexistent-content', `--port=${port}`], io), port).toBe(2);
      expect(err, port).toEqual([`broadsheet preview: --port ${JSON.stringify(port)} is not a port number (write e.g. --port 8080, or 0 for any free port)`]);
    }
  });
});
