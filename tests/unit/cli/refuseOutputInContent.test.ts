import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { refuseOutputInContent } from '../../../cli/stores.js';
import { UsageError } from '../../../lib/shared/errors.js';

describe('refuseOutputInContent', () => {
  it('refuses an output folder equal to or inside the content, symlinks resolved; allows a sibling', async () => {
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-out-'));
    await mkdir(join(root, 'content', 'entries'), { recursive: true });
    await symlink(join(root, 'content'), join(root, 'link'));
    const io = { cwd: root } as CliIo;
    for (const out of ['content', 'content/public', 'content/entries/', './content/../content', 'link/public']) {
      expect(() => refuseOutputInContent({ out }, io), out).toThrow(UsageError);
    }
    expect(() => refuseOutputInContent({ out: 'content' }, io)).toThrow('--out: content is the content folder content; write the output elsewhere');
    expect(() => refuseOutputInContent({ out: 'content/public' }, io)).toThrow('is inside the content folder');
    for (const out of ['public', 'content-public', '..content', undefined]) expect(() => refuseOutputInContent({ out }, io), String(out)).not.toThrow();
    // The default content folder is `content`: --out content/x alone is refused too, and a content elsewhere frees it.
    expect(() => refuseOutputInContent({ content: 'elsewhere', out: 'content' }, io)).not.toThrow();
  });

  it('refuses an S3 prefix inside the content prefix of the same bucket', () => {
    const io = { cwd: '/' } as CliIo;
    expect(() => refuseOutputInContent({ content: 's3://b/content/', bucket: 'b', prefix: 'content/public' }, io)).toThrow(UsageError);
    expect(() => refuseOutputInContent({ content: 's3://b/content', bucket: 'b', prefix: 'content' }, io)).toThrow(UsageError);
    expect(() => refuseOutputInContent({ content: 's3://b/', bucket: 'b', prefix: 'site' }, io)).toThrow(UsageError);
    expect(() => refuseOutputInContent({ content: 's3://b/content', bucket: 'b', prefix: 'content-site' }, io)).not.toThrow();
    expect(() => refuseOutputInContent({ content: 's3://b/content', bucket: 'other', prefix: 'content' }, io)).not.toThrow();
  });
});
