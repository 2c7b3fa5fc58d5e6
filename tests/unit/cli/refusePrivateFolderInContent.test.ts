import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { refusePrivateFolderInContent } from '../../../cli/stores.js';
import { UsageError } from '../../../lib/shared/errors.js';

describe('refusePrivateFolderInContent', () => {
  it('refuses an outbox equal to or inside the content folder, symlinks resolved; allows a sibling', async () => {
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-outbox-'));
    await mkdir(join(root, 'content', 'entries'), { recursive: true });
    await symlink(join(root, 'content'), join(root, 'link'));
    const io = { cwd: root } as CliIo;
    const content = join(root, 'content');
    for (const outbox of ['content', 'content/outbox', 'content/entries/', './content/../content/mail', 'link/outbox']) {
      expect(() => refusePrivateFolderInContent('--outbox', outbox, content, io), outbox).toThrow(UsageError);
    }
    expect(() => refusePrivateFolderInContent('--outbox', 'content/outbox', content, io)).toThrow(
      "--outbox: content/outbox is inside the content folder content; write the emails elsewhere (e.g. --outbox outbox), or push-content would upload them, with the subscribers' addresses",
    );
    expect(() => refusePrivateFolderInContent('--outbox', 'content', content, io)).toThrow('--outbox: content is the content folder content;');
    for (const outbox of ['outbox', 'content-outbox', '..content', undefined]) expect(() => refusePrivateFolderInContent('--outbox', outbox, content, io), String(outbox)).not.toThrow();
  });

  it('refuses the default outbox when run from inside the content folder, and offers the one beside it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-outbox-'));
    const content = join(root, 'content');
    await mkdir(join(content, 'entries'), { recursive: true });
    const io = { cwd: content } as CliIo;
    expect(() => refusePrivateFolderInContent('--outbox', undefined, content, io)).toThrow('--outbox: outbox is inside the content folder .; write the emails elsewhere (e.g. --outbox ../outbox)');
    expect(() => refusePrivateFolderInContent('--outbox', '../outbox', content, io)).not.toThrow();
  });

  it("refuses the preview's subscriber records there too, by the same rule", async () => {
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-outbox-'));
    const content = join(root, 'content');
    await mkdir(join(content, 'entries'), { recursive: true });
    expect(() => refusePrivateFolderInContent('--subscribers', undefined, content, { cwd: content } as CliIo)).toThrow(
      "--subscribers: subscribers is inside the content folder .; write the records elsewhere (e.g. --subscribers ../subscribers), or push-content would upload them, with the subscribers' addresses",
    );
    expect(() => refusePrivateFolderInContent('--subscribers', 'subscribers', content, { cwd: root } as CliIo)).not.toThrow();
  });
});
