import { resolve } from 'node:path';
import { LocalStore } from '../lib/localStore.js';
import type { Store } from '../lib/store.js';
import type { CliIo } from './io.js';

/** The content folder (`--content`, default `content`). */
export function contentStore(content: string | undefined, io: CliIo): Store {
  return new LocalStore(resolve(io.cwd, content ?? 'content'));
}

/** The output folder (`--out`, default `public`). */
export function outputStore(out: string | undefined, io: CliIo): Store {
  return new LocalStore(resolve(io.cwd, out ?? 'public'));
}
