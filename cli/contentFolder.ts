import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStore } from '../lib/store/localStore.js';
import type { SpecialFile, StoredObject } from '../lib/store/store.js';

/**
 * A local content folder whose symbolic links are never followed, the folder a listing starts from included. A
 * listing walks into real folders only, but reads the one its prefix names through whatever it is: `entries` linked
 * to a folder outside the content published that folder's `.md` files (and quoted them in problems), where a link
 * inside `entries/` is only warned about. A prefix that passes through a link lists nothing and names that link.
 */
export class ContentFolder extends LocalStore {
  /** The first folder on the way to `prefix` (its segments before the last `/`) that is a symbolic link, as a key. */
  private linkedFolder(prefix: string): string | undefined {
    const folders = prefix.split('/').slice(0, -1);
    for (let count = 1; count <= folders.length; count++) {
      const key = folders.slice(0, count).join('/');
      if (lstatSync(join(this.root, ...key.split('/')), { throwIfNoEntry: false })?.isSymbolicLink()) return key;
    }
    return undefined;
  }

  override async list(prefix: string): Promise<StoredObject[]> {
    if (this.linkedFolder(prefix) === undefined) return super.list(prefix);
    this.requests.list++;
    return [];
  }

  override async listLinks(prefix: string): Promise<string[]> {
    const linked = this.linkedFolder(prefix);
    return linked === undefined ? super.listLinks(prefix) : [linked];
  }

  override async listSpecialFiles(prefix: string): Promise<SpecialFile[]> {
    return this.linkedFolder(prefix) === undefined ? super.listSpecialFiles(prefix) : [];
  }
}
