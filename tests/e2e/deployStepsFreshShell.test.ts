import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../support/cli.js';

// The README's deploy steps, each code block run as it is written in a fresh shell (bash -u: a variable another
// block set is an error). The AWS and osls commands are stand-ins that log their arguments; curl is the real one.
const run = promisify(execFile);
const STUBBED = ['npx', 'openssl'];
/** What the aws stand-in prints: the token `aws ssm get-parameter` would read back. */
const AWS_OUTPUT = 'token-read-from-ssm';
/** What the openssl stand-in prints (with a newline, as `openssl rand -hex` does): the secret a step makes. */
const OPENSSL_OUTPUT = 'openssl-output';
/** How the aws stand-in got a `--value`: as an argument, or read from the `file://` path it names, as the AWS CLI reads one. */
type AwsValue = { argument: string } | { path: string; content: string };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broadsheet-deploy-steps-'));
  for (const command of STUBBED) {
    await writeFile(join(dir, command), `#!/bin/sh\nprintf '%s\\n' "${command} $*" >> "${join(dir, 'calls.log')}"\nprintf '%s\\n' '${command}-output'\n`);
    await chmod(join(dir, command), 0o755);
  }
  // The aws stand-in logs its arguments as the others do, and how it got each `--value` (values.log, a JSON line a call).
  await writeFile(
    join(dir, 'aws'),
    `#!${process.execPath}
const { appendFileSync, readFileSync } = require('node:fs');
const args = process.argv.slice(2);
appendFileSync(${JSON.stringify(join(dir, 'calls.log'))}, ['aws', ...args].join(' ') + '\\n');
const given = args[args.indexOf('--value') + 1];
if (args.includes('--value')) appendFileSync(${JSON.stringify(join(dir, 'values.log'))}, JSON.stringify(given.startsWith('file://') ? { path: given.slice(7), content: readFileSync(given.slice(7), 'utf8') } : { argument: given }) + '\\n');
process.stdout.write(${JSON.stringify(`${AWS_OUTPUT}\n`)});
`,
  );
  await chmod(join(dir, 'aws'), 0o755);
  const { stdout } = await run('/bin/sh', ['-c', 'command -v curl']);
  await symlink(stdout.trim(), join(dir, 'curl'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The shell blocks of the README's deploy section, each with the heading it is under. */
async function deployBlocks(): Promise<{ heading: string; code: string }[]> {
  const readme = await readFile(join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Deploy to AWS'), readme.indexOf('<!-- /section:deploy -->'));
  return [...section.matchAll(/```sh\n([^]*?)```/g)].map((m) => ({ heading: [...section.slice(0, m.index).matchAll(/^#{2,3} (.+)$/gm)].at(-1)![1]!, code: m[1]! }));
}

/** Runs a block in a fresh bash, stopping at the first failure or unset variable, with nothing on PATH but the stand-ins and curl. */
async function inFreshShell(code: string) {
  await rm(join(dir, 'calls.log'), { force: true });
  await rm(join(dir, 'values.log'), { force: true });
  const result = await run('/bin/bash', ['--norc', '--noprofile', '-eu', '-o', 'pipefail', '-c', code], { env: { PATH: dir, HOME: dir }, timeout: 10_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
  const calls = await readFile(join(dir, 'calls.log'), 'utf8').catch(() => '');
  const values = (await readFile(join(dir, 'values.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as AwsValue);
  return { ...result, calls, values };
}

/** The shell's own commands: their arguments are on no process's command line. */
const BUILTINS = new Set(['printf', 'echo', 'export', 'read', 'local', 'declare', 'set', 'unset', 'cd', 'test', '[']);

/**
 * Each command the README's sh blocks run whose arguments carry a secret: a variable holding one (named so, or made by
 * `openssl rand`, read back from SSM or typed to `read`), a secret made in place (`$(openssl rand …)`), or a URL with a
 * password in it. A command's arguments are on its command line, which `ps` shows every user, and a typed one stays in
 * the shell's history.
 */
function commandsWithSecrets(readme: string): string[] {
  const lines = [...readme.matchAll(/```sh\n([^]*?)```/g)]
    .flatMap((m) => m[1]!.replace(/\\\n/g, ' ').split('\n'))
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
  const secret = new Set<string>();
  for (const line of lines) {
    for (const m of line.matchAll(/\b(\w+)=\$\((?:openssl rand|aws ssm get-parameter)\b/g)) secret.add(m[1]!);
    for (const m of line.matchAll(/\bread\s+(?:-\w+\s+)*(\w+)/g)) secret.add(m[1]!);
  }
  const carries = (words: string) =>
    /\$\(openssl rand\b/.test(words) ||
    /:\/\/[^\s/@:]+:[^\s/@]+@/.test(words) ||
    [...words.matchAll(/\$\{?(\w+)/g)].some(([, name]) => secret.has(name!) || /TOKEN|SECRET|PASSWORD/i.test(name!));
  return lines.flatMap((line) =>
    line
      .split(/\s*(?:\|\|?|&&|;)\s*/)
      // Leading assignments are the shell's own; so are a builtin's arguments.
      .map((command) => command.replace(/^(?:\w+=(?:\$\([^)]*\)|"[^"]*"|'[^']*'|\S*)\s*)*/, ''))
      .filter((command) => command && !BUILTINS.has(command.split(/\s/)[0]!) && carries(command)),
  );
}

/** A stand-in for the trigger on loopback: answers every request as the trigger accepts one, and records it. */
async function standInTrigger() {
  const requests: { url: string | undefined; method: string | undefined; headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push({ url: request.url, method: request.method, headers: request.headers, body });
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("the README's deploy steps", () => {
  it('each run in a fresh shell: no block reads a variable that only another block sets', async () => {
    const blocks = await deployBlocks();
    expect(blocks.map((b) => b.heading)).toEqual(expect.arrayContaining(['1. Deploy', '2. Set the trigger\'s token', '4. The first manual publish']));
    // Step 4's asks the trigger: run below, against a stand-in for it.
    for (const { heading, code } of blocks.filter((b) => b.heading !== '4. The first manual publish')) {
      const ran = await inFreshShell(code);
      expect(ran.stderr, heading).toBe('');
      expect(ran.code, heading).toBe(0);
    }
  });

  it("step 4 reads step 2's token back from SSM and sends it to the trigger on curl's standard input, not its command line", async () => {
    const blocks = await deployBlocks();
    const step2 = blocks.find((b) => b.heading === "2. Set the trigger's token")!.code;
    const step4 = blocks.find((b) => b.heading === '4. The first manual publish')!.code;
    const parameter = (code: string) => /--name (\S+)/.exec(code)?.[1];
    expect(parameter(step2)).toBe('/broadsheet/prod/trigger-token');

    const { url, requests, close } = await standInTrigger();
    try {
      // The trigger's URL the README shows is an example: this one answers as the trigger would.
      const code = step4.replace(/^TRIGGER_URL=\S+/m, `TRIGGER_URL=${url}`);
      expect(code).not.toBe(step4);
      const ran = await inFreshShell(code);
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      expect(ran.stdout).toBe('{"status":"accepted"}');
      // The token step 2 put, read back from the same parameter with its SecureString decrypted.
      expect(ran.calls.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^aws ssm get-parameter .*--name ${parameter(step2)} .*--with-decryption`))]);
      expect(requests).toEqual([{ url: '/publish', method: 'POST', headers: expect.objectContaining({ authorization: `Bearer ${AWS_OUTPUT}`, 'content-type': 'application/json' }), body: '{}' }]);
      // Nothing but a shell builtin has the token among its arguments.
      expect(code.split('\n').filter((line) => line.includes('$TOKEN'))).toEqual([expect.stringMatching(/^printf '[^']*' "\$TOKEN" \| curl /)]);
    } finally {
      await close();
    }
  });
});

describe("the README's secrets", () => {
  it('no command the README shows has a secret among its arguments', async () => {
    const readme = await readFile(join(REPO, 'README.md'), 'utf8');
    expect(commandsWithSecrets(readme)).toEqual([]);
    // The check finds each kind of secret it looks for.
    expect(
      commandsWithSecrets(
        [
          '```sh',
          'TOKEN=$(openssl rand -hex 32)',
          'aws ssm put-parameter --name /t --type SecureString \\',
          '  --value "$TOKEN" --overwrite',
          'aws ssm put-parameter --name /u --value "$(openssl rand -base64 32)"',
          "aws ssm put-parameter --name /s --value 'smtps://me%40example.org:app-password@smtp.example.org:465'",
          'OLD=$(aws ssm get-parameter --name /p --query Parameter.Value --output text); NEW=x',
          'read -rs TYPED',
          'printf x | aws ssm put-parameter --name /q --value "$NEW $OLD" && curl -H "x-secret: $TYPED" https://example.org',
          'printf \'%s\' "$TOKEN" | aws ssm put-parameter --name /t --value file:///dev/stdin   # "$TOKEN" in a comment',
          '```',
        ].join('\n'),
      ),
    ).toEqual([
      'aws ssm put-parameter --name /t --type SecureString    --value "$TOKEN" --overwrite',
      'aws ssm put-parameter --name /u --value "$(openssl rand -base64 32)"',
      "aws ssm put-parameter --name /s --value 'smtps://me%40example.org:app-password@smtp.example.org:465'",
      'aws ssm put-parameter --name /q --value "$NEW $OLD"',
      'curl -H "x-secret: $TYPED" https://example.org',
    ]);
  });

  it("the deploy section's put-parameter commands give the AWS CLI each secret as it was made, on its standard input", async () => {
    const blocks = await deployBlocks();
    const expected: Record<string, string[]> = {
      Prerequisites: ['/broadsheet/prod/unsubscribe-secret', '/broadsheet/prod/origin-secret'],
      "2. Set the trigger's token": ['/broadsheet/prod/trigger-token'],
    };
    for (const [heading, names] of Object.entries(expected)) {
      const ran = await inFreshShell(blocks.find((b) => b.heading === heading)!.code);
      expect(ran.stderr, heading).toBe('');
      expect(ran.code, heading).toBe(0);
      const puts = ran.calls.split('\n').filter((call) => call.startsWith('aws ssm put-parameter '));
      expect(puts.map((call) => /--name (\S+)/.exec(call)?.[1]), heading).toEqual(names);
      for (const call of puts) expect(call, heading).not.toContain(OPENSSL_OUTPUT);
      // The value openssl printed, its newline dropped as `$(…)` drops it, and nothing added: what SSM stores.
      expect(ran.values, heading).toEqual(names.map(() => ({ path: '/dev/stdin', content: OPENSSL_OUTPUT })));
    }
  });
});

describe("the README's other calls of the trigger", () => {
  it("the digest's, run as written with step 4's TRIGGER_URL and TOKEN, sends the token on curl's standard input, and no curl the README shows has a token among its arguments", async () => {
    const readme = await readFile(join(REPO, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```sh\n([^]*?)```/g)].map((m) => m[1]!);
    // A command's continuation lines joined: each curl with all its arguments.
    const curls = blocks.flatMap((code) => code.replace(/\\\n/g, ' ').split('\n')).filter((line) => /\bcurl /.test(line)).map((line) => line.slice(line.search(/\bcurl /)));
    expect(curls.length).toBeGreaterThanOrEqual(2);
    for (const curl of curls) expect(curl).not.toMatch(/TOKEN|Bearer/i);
    const digest = blocks.filter((code) => /curl .*\/digest"/.test(code.replace(/\\\n/g, ' ')));
    expect(digest).toHaveLength(1);
    const token = 'token-of-this-test';
    const { url, requests, close } = await standInTrigger();
    try {
      const ran = await inFreshShell(`TOKEN=${token}\nTRIGGER_URL=${url}\n${digest[0]}`);
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      expect(requests).toEqual([{ url: '/digest', method: 'POST', headers: expect.objectContaining({ authorization: `Bearer ${token}`, 'content-type': 'application/json' }), body: '{"week": "2014-W19", "send": false}' }]);
    } finally {
      await close();
    }
  });
});
