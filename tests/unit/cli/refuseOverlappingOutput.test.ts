import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { refuseOverlappingOutput } from '../../../cli/stores.js';
import { UsageError } from '../../../lib/shared/errors.js';

describe('refuseOverlappingOutput', () => {
  it('refuses an output folder equal to or inside the content, symlinks resolved; allows a sibling', async () => {
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-out-'));
    await mkdir(join(root, 'content', 'entries'), { recursive: true });
    await symlink(join(root, 'content'), join(root, 'link'));
    const io = { cwd: root } as CliIo;
    for (const out of ['content', 'content/public', 'content/entries/', './content/../content', 'link/public']) {
      expect(() => refuseOverlappingOutput({ out }, io), out).toThrow(UsageError);
    }
    expect(() => refuseOverlappingOutput({ out: 'content' }, io)).toThrow('--out: content is the content folder content; write the output elsewhere');
    expect(() => refuseOverlappingOutput({ out: 'content/public' }, io)).toThrow('is inside the content folder');
    for (const out of ['public', 'content-public', '..content', undefined]) expect(() => refuseOverlappingOutput({ out }, io), String(out)).not.toThrow();
    // The default content folder is `content`: --out content/x alone is refused too, and a content elsewhere frees it.
    expect(() => refuseOverlappingOutput({ content: 'elsewhere', out: 'content' }, io)).not.toThrow();
  });

  it('refuses an S3 prefix inside the content prefix of the same bucket', () => {
    const io = { cwd: '/' } as CliIo;
    expect(() => refuseOverlappingOutput({ content: 's3://b/content/', bucket: 'b', prefix: 'content/public' }, io)).toThrow(UsageError);
    expect(() => refuseOverlappingOutput({ content: 's3://b/content', bucket: 'b', prefix: 'content' }, io)).toThrow(UsageError);
    expect(() => refuseOverlappingOutput({ content: 's3://b/', bucket: 'b', prefix: 'site' }, io)).toThrow(UsageError);
    expect(() => refuseOverlappingOutput({ content: 's3://b/content', bucket: 'b', prefix: 'content-site' }, io)).not.toThrow();
    expect(() => refuseOverlappingOutput({ content: 's3://b/content', bucket: 'other', prefix: 'content' }, io)).not.toThrow();
  });
});

// Run from inside the content folder (`--content .`), the fix said `e.g. --out public`: the content's own folder again.
describe('refuseOverlappingOutput: the folder the fix gives', () => {
  it('is public beside the content folder where public in the working folder overlaps it too', async () => {
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-out-'));
    await mkdir(join(root, 'content', 'entries'), { recursive: true });
    const inside = { cwd: join(root, 'content') } as CliIo;
    expect(() => refuseOverlappingOutput({ content: '.', out: './public' }, inside)).toThrow('--out: ./public is inside the content folder .; write the output elsewhere (e.g. --out ../public),');
    expect(() => refuseOverlappingOutput({ content: '.' }, inside)).toThrow('--out: public is inside the content folder .; write the output elsewhere (e.g. --out ../public),');
    expect(() => refuseOverlappingOutput({ content: '.', out: '../public' }, inside)).not.toThrow();
    // From the folder that holds it, public is fine, as before.
    expect(() => refuseOverlappingOutput({ out: 'content/x' }, { cwd: root } as CliIo)).toThrow('(e.g. --out public)');
  });
});

describe('refuseOverlappingOutput: an output that holds the content', () => {
  it('refuses an output folder holding the content folder, symlinks resolved; allows a sibling', async () => {
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-out-'));
    await mkdir(join(root, 'site', 'content', 'entries'), { recursive: true });
    await symlink(join(root, 'site'), join(root, 'served'));
    const io = { cwd: root } as CliIo;
    for (const out of ['site', 'site/', '.', './', 'served']) {
      expect(() => refuseOverlappingOutput({ content: 'site/content', out }, io), out).toThrow(
        `--out: ${out} holds the content folder site/content; write the output to a folder beside it (e.g. --out public), or site.yml, the drafts and subscribers.txt would be served`,
      );
    }
    for (const out of ['site/public', 'public', 'site/content-public']) expect(() => refuseOverlappingOutput({ content: 'site/content', out }, io), out).not.toThrow();
  });

  it('refuses an S3 prefix holding the content prefix of the same bucket, in every spelling', () => {
    const io = { cwd: '/' } as CliIo;
    for (const prefix of [undefined, '', '/', 'site', 'site/', '/site', '/site/']) {
      expect(() => refuseOverlappingOutput({ content: 's3://b/site/content', bucket: 'b', prefix }, io), String(prefix)).toThrow(
        `--bucket/--prefix: s3://b/${prefix ?? ''} holds the content s3://b/site/content; publish to another bucket or prefix, or site.yml, the drafts and subscribers.txt would be served`,
      );
    }
    for (const prefix of ['sit', 'site/public', 'site/content-public', 'other']) expect(() => refuseOverlappingOutput({ content: 's3://b/site/content', bucket: 'b', prefix }, io), prefix).not.toThrow();
    expect(() => refuseOverlappingOutput({ content: 's3://b/site/content', bucket: 'c' }, io)).not.toThrow();
  });
});

// --out s3://b/x is no S3 output (--bucket and --prefix are): it was taken as a local folder named `s3:`, so an s3://
// content in the same bucket was never compared with it, and a publish wrote beside the working folder.
describe('refuseOverlappingOutput: an s3:// --out', () => {
  const io = { cwd: '/' } as CliIo;

  it('overlapping the s3:// content of the same bucket: refused in the words of --bucket/--prefix, named --out', () => {
    expect(() => refuseOverlappingOutput({ content: 's3://b/', out: 's3://b/x' }, io)).toThrow(
      '--out: s3://b/x is inside the content s3://b/; publish to another bucket or prefix, or site.yml, the drafts and subscribers.txt would be served',
    );
    expect(() => refuseOverlappingOutput({ content: 's3://b/x/content', out: 's3://b/x' }, io)).toThrow(
      '--out: s3://b/x holds the content s3://b/x/content; publish to another bucket or prefix, or site.yml, the drafts and subscribers.txt would be served',
    );
    expect(() => refuseOverlappingOutput({ content: 's3://b/x', out: 's3://b/x/' }, io)).toThrow('--out: s3://b/x/ is inside the content s3://b/x;');
  });

  it('elsewhere: refused as no folder, with the --bucket and --prefix that write there', () => {
    const fix = (out: string, flags: string) => `--out: ${out} is an S3 URL, and --out takes a local folder: for a bucket give ${flags}`;
    expect(() => refuseOverlappingOutput({ content: 's3://b/content', out: 's3://b/site' }, io)).toThrow(fix('s3://b/site', '--bucket b --prefix site'));
    expect(() => refuseOverlappingOutput({ content: 's3://other/', out: 's3://b/x' }, io)).toThrow(fix('s3://b/x', '--bucket b --prefix x'));
    expect(() => refuseOverlappingOutput({ content: 'content', out: 's3://b/' }, io)).toThrow(fix('s3://b/', '--bucket b'));
  });
});
