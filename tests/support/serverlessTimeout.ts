import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { REPO } from './cli.js';

/** A function's `timeout:` in serverless.yml, in ms (the functions: block, read as text: its CloudFormation tags need no parser). */
export function timeoutMs(name: string): number {
  const text = readFileSync(join(REPO, 'serverless.yml'), 'utf8');
  const functions = text.slice(text.indexOf('\nfunctions:\n'));
  const block = new RegExp(String.raw`\n {2}${name}:\n((?: {4}.*\n|\s*\n)+)`).exec(functions)?.[1] ?? '';
  expect(block, name).toContain(`handler: functions/${name}.handler`);
  return Number(/\n {4}timeout: (\d+)\n/.exec(`\n${block}`)![1]) * 1000;
}
