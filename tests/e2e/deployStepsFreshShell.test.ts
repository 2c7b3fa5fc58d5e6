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
const STUBBED = ['aws', 'npx', 'openssl'];
/** What the aws stand-in prints: the token `aws ssm get-parameter` would read back. */
const AWS_OUTPUT = 'token-read-from-ssm';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broadsheet-deploy-steps-'));
  for (const command of STUBBED) {
    await writeFile(join(dir, command), `#!/bin/sh\nprintf '%s\\n' "${command} $*" >> "${join(dir, 'calls.log')}"\nprintf '%s\\n' '${command === 'aws' ? AWS_OUTPUT : `${command}-output`}'\n`);
    await chmod(join(dir, command), 0o755);
  }
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
  const result = await run('/bin/bash', ['--norc', '--noprofile', '-eu', '-o', 'pipefail', '-c', code], { env: { PATH: dir, HOME: dir }, timeout: 10_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
  const calls = await readFile(join(dir, 'calls.log'), 'utf8').catch(() => '');
  return { ...result, calls };
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
