import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { refuseOutboxInContent } from '../../../cli/stores.js';
import { UsageError } from '../../../lib/shared/errors.js';

describe('refuseOutboxInContent', () => {
  it('refuses an outbox equal to or inside the content folder, symlinks resolved; allows a sibling', async () => {
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-outbox-'));
    await mkdir(join(root, 'content', 'entries'), { recursive: true });
    await symlink(join(root, 'content'), join(root, 'link'));
    const io = { cwd: root } as CliIo;
    const content = join(root, 'content');
    for (const outbox of ['content', 'content/outbox', 'content/entries/', './content/../content/mail', 'link/outbox']) {
      expect(() => refuseOutboxInContent(outbox, content, io), outbox).toThrow(UsageError);
    }
    expect(() => refuseOutboxInContent('content/outbox', content, io)).toThrow(
      "--outbox: content/outbox is inside the content folder content; write the emails elsewhere (e.g. --outbox outbox), or push-content would upload them, with the subscribers' addresses",
    );
    expect(() => refuseOutboxInContent('content', content, io)).toThrow('--outbox: content is the content folder content;');
    for (const outbox of ['outbox', 'content-outbox', '..content', undefined]) expect(() => refuseOutboxInContent(outbox, content, io), String(outbox)).not.toThrow();
  });

  it('refuses the default outbox when run from inside the content folder, and offers the one beside it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-outbox-'));
    const content = join(root, 'content');
    await mkdir(join(content, 'entries'), { recursive: true });
    const io = { cwd: content } as CliIo;
    expect(() => refuseOutboxInContent(undefined, content, io)).toThrow('--outbox: outbox is inside the content folder .; write the emails elsewhere (e.g. --outbox ../outbox)');
    expect(() => refuseOutboxInContent('../outbox', content, io)).not.toThrow();
  });
});
