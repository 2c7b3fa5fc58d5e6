import { linkSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError, UnreadableFileError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';

// A key's path is the normalised root plus the key: these pin what path.join used to give.
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-localstore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'entries', '2014'), { recursive: true });
writeFileSync(join(dir, 'entries', '2014', 'b.md'), 'B');
writeFileSync(join(dir, 'entries', '2014', 'a.md'), 'Ä');
writeFileSync(join(dir, 'entries', '2014', 'c.md.1a2b3c.tmp'), 'half-written');
writeFileSync(join(dir, 'site.yml'), 'title: T');

describe('LocalStore paths', () => {
  it.each([
    ['an absolute root', dir],
    ['a root ending in a slash', `${dir}/`],
    ['a root with . and .. in it', join(dir, 'entries', '..', '.')],
    ['a relative root', relative(process.cwd(), dir) || '.'],
  ])('reads and lists with %s', async (_, root) => {
    const store = new LocalStore(root);
    expect(await store.getText('entries/2014/a.md')).toBe('Ä');
    expect((await store.get('entries/2014/b.md'))?.toString()).toBe('B');
    expect((await store.list('entries/')).map((object) => object.key)).toEqual(['entries/2014/a.md', 'entries/2014/b.md']);
    expect((await store.list('')).map((object) => object.key)).toEqual(['entries/2014/a.md', 'entries/2014/b.md', 'site.yml']);
  });

  it('reads an empty root as the working folder, not the file system root', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await new LocalStore('').getText('site.yml')).toBe('title: T');
    } finally {
      process.chdir(cwd);
    }
  });

  it('gives undefined for a missing file, and the size and version of a listed one', async () => {
    const store = new LocalStore(dir);
    expect(await store.get('entries/2014/none.md')).toBeUndefined();
    expect(await store.getText('entries/2014/none.md')).toBeUndefined();
    const [a] = await store.list('entries/2014/a');
    expect(a!.size).toBe(Buffer.byteLength('Ä'));
    expect(a!.version).toMatch(/^2-\d+-\d+$/);
  });

  it('refuses keys that would leave the root', async () => {
    const store = new LocalStore(dir);
    for (const key of ['../outside', 'entries/../../x', '/etc/passwd', 'a//b', 'a\\b']) await expect(store.getText(key), key).rejects.toThrow(StoreError);
  });

  it('writes through a temporary file into the key’s path', async () => {
    const store = new LocalStore(`${dir}/`);
    await store.put('out/feed.xml', '<rss/>', { contentType: 'application/rss+xml' });
    expect(readFileSync(join(dir, 'out', 'feed.xml'), 'utf8')).toBe('<rss/>');
  });

  it('writes a body in chunks one after another, and answers with the version a listing gives', async () => {
    const store = new LocalStore(dir);
    const chunks = [Buffer.from('{"a":'), Buffer.from('"é'), Buffer.from([0xe4, 0xb8, 0xad]), Buffer.from('"}\n')];
    const version = await store.put('chunked/manifest.json', chunks, { contentType: 'application/json' });
    expect(readFileSync(join(dir, 'chunked', 'manifest.json'), 'utf8')).toBe('{"a":"é中"}\n');
    const [listed] = await new LocalStore(dir).list('chunked/');
    expect(listed!.version).toBe(version);
    expect(listed!.size).toBe(Buffer.byteLength('{"a":"é中"}\n'));
  });

  it('answers a write with the version a listing then gives the file, and the same bytes written again with another', async () => {
    const store = new LocalStore(dir);
    const first = await store.put('written/atom.xml', '<feed/>', { contentType: 'application/atom+xml' });
    expect(first).toMatch(/^7-\d+-\d+$/);
    const [listed] = await new LocalStore(dir).list('written/');
    expect(listed!.version).toBe(first);
    // A new file renamed over the old one: the same size, another inode.
    const second = await store.put('written/atom.xml', '<feed/>', { contentType: 'application/atom+xml' });
    expect(second).not.toBe(first);
    const [relisted] = await new LocalStore(dir).list('written/');
    expect(relisted!.version).toBe(second);
  });
});

describe('LocalStore versions of listed files', () => {
  // Each case has its own file; a rewrite of a different length changes the version whatever the clock's resolution.
  const fresh = (name: string, text: string) => {
    mkdirSync(join(dir, 'versions'), { recursive: true });
    writeFileSync(join(dir, 'versions', name), text);
    return `versions/${name}`;
  };

  it('gives the listed object passed to getText the version of the bytes read, not of a later state', async () => {
    const key = fresh('read-then-changed.md', 'first');
    const store = new LocalStore(dir);
    const [object] = await store.list(key);
    expect(await store.getText(key, object)).toBe('first');
    writeFileSync(join(dir, key), 'second, longer');
    expect(object!.size).toBe(5);
    expect(object!.version).toMatch(/^5-/);
    // A fresh listing stats the file as it now is.
    const [relisted] = await store.list(key);
    expect(relisted!.version).toMatch(/^14-/);
  });

  it('keeps a version once reported, though the file changes before it is read', async () => {
    const key = fresh('reported-then-changed.md', 'first');
    const store = new LocalStore(dir);
    const [object] = await store.list(key);
    const reported = object!.version;
    writeFileSync(join(dir, key), 'second, longer');
    expect(await store.getText(key, object)).toBe('second, longer');
    expect(object!.version).toBe(reported);
  });

  it('leaves an object not passed, or listed for another key, to be statted when asked', async () => {
    const key = fresh('not-passed.md', 'first');
    const other = fresh('other.md', 'other');
    const store = new LocalStore(dir);
    const [object] = await store.list(key);
    const [otherObject] = await store.list(other);
    await store.getText(key);
    await store.getText(key, otherObject);
    writeFileSync(join(dir, key), 'second, longer');
    writeFileSync(join(dir, other), 'other, longer');
    expect(object!.version).toMatch(/^14-/);
    expect(otherObject!.version).toMatch(/^13-/);
  });
});

describe('LocalStore leftovers of killed writes', () => {
  const fresh = () => {
    const root = mkdtempSync(join(tmpdir(), 'broadsheet-leftovers-'));
    mkdirSync(join(root, 'tags', 'trade'), { recursive: true });
    writeFileSync(join(root, 'rss.xml'), '<rss/>');
    writeFileSync(join(root, 'notes.tmp'), 'the editor’s own file');
    return root;
  };
  const temporaries = (root: string) => (readdirSync(root, { recursive: true }) as string[]).filter((path) => path.endsWith('.tmp')).sort();

  it('removes every one under the root, and no other file, without a listing before', async () => {
    const root = fresh();
    writeFileSync(join(root, 'rss.xml.0123456789ab.tmp'), '<rss');
    writeFileSync(join(root, 'tags', 'trade', 'atom.xml.ba9876543210.tmp'), '<feed');
    await new LocalStore(root).removeLeftovers();
    expect(temporaries(root)).toEqual(['notes.tmp']);
    rmSync(root, { recursive: true });
  });

  it('removes every one, those made after it too, when the listing of the root passed over one', async () => {
    const root = fresh();
    const store = new LocalStore(root);
    writeFileSync(join(root, 'rss.xml.0123456789ab.tmp'), '<rss');
    expect((await store.list('')).map((object) => object.key)).toEqual(['rss.xml']);
    writeFileSync(join(root, 'tags', 'trade', 'atom.xml.ba9876543210.tmp'), '<feed');
    await store.removeLeftovers();
    expect(temporaries(root)).toEqual(['notes.tmp']);
    rmSync(root, { recursive: true });
  });

  it('removes, at the next create-only write into its folder, the one a claim killed after its link left; not one not linked', async () => {
    const root = fresh();
    const folder = join(root, 'ledger', '0123456789abcdef0123456789abcdef');
    mkdirSync(folder, { recursive: true });
    // What a kill between the claim's link and its removal leaves: the claim under two names, one inode.
    writeFileSync(join(folder, '1.claim.json.0123456789ab.tmp'), '{"claim":"a"}');
    linkSync(join(folder, '1.claim.json.0123456789ab.tmp'), join(folder, '1.claim.json'));
    // A create-only write of the same key under way in another process, not linked yet.
    writeFileSync(join(folder, '1.claim.json.ba9876543210.tmp'), '{"claim":"b"}');
    const store = new LocalStore(root);
    expect(await store.putIfAbsent('ledger/0123456789abcdef0123456789abcdef/2.claim.json', '{}', { contentType: 'application/json' })).toBe(true);
    expect(temporaries(root)).toEqual([join('ledger', '0123456789abcdef0123456789abcdef', '1.claim.json.ba9876543210.tmp'), 'notes.tmp']);
    expect(readFileSync(join(folder, '1.claim.json'), 'utf8')).toBe('{"claim":"a"}');
    rmSync(root, { recursive: true });
  });

  it('does not walk the root again when its listing passed over none: one made after waits for the next listing', async () => {
    const root = fresh();
    const store = new LocalStore(root);
    await store.list('');
    writeFileSync(join(root, 'tags', 'trade', 'atom.xml.ba9876543210.tmp'), '<feed');
    await store.removeLeftovers();
    expect(temporaries(root)).toEqual(['notes.tmp', join('tags', 'trade', 'atom.xml.ba9876543210.tmp')]);
    // Without a listing of the whole root since (one of a prefix says nothing of the rest), it walks.
    await store.list('tags/');
    await store.removeLeftovers();
    expect(temporaries(root)).toEqual(['notes.tmp']);
    rmSync(root, { recursive: true });
  });
});

describe('LocalStore symbolic links', () => {
  const root = mkdtempSync(join(tmpdir(), 'broadsheet-links-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'entries', '2014'), { recursive: true });
  mkdirSync(join(root, 'drafts'), { recursive: true });
  writeFileSync(join(root, 'entries', '2014', 'a.md'), 'A');
  writeFileSync(join(root, 'drafts', 'b.md'), 'B');
  symlinkSync(join(root, 'drafts', 'b.md'), join(root, 'drafts', 'linked.md'));

  it('answers listLinks from the listing of the same prefix just before: one walk, links or none', async () => {
    const store = new LocalStore(root);
    expect((await store.list('entries/')).map((object) => object.key)).toEqual(['entries/2014/a.md']);
    expect(await store.listLinks('entries/')).toEqual([]);
    expect(store.requests.list).toBe(1);
    expect((await store.list('drafts/')).map((object) => object.key)).toEqual(['drafts/b.md']);
    expect(await store.listLinks('drafts/')).toEqual(['drafts/linked.md']);
    expect(store.requests.list).toBe(2);
  });

  it('lists a prefix again for its links when another was listed since', async () => {
    const store = new LocalStore(root);
    await store.list('drafts/');
    await store.list('entries/');
    expect(await store.listLinks('drafts/')).toEqual(['drafts/linked.md']);
    expect(await store.listLinks('entries/')).toEqual([]);
    expect(store.requests.list).toBe(4);
  });
});

describe('a listed file that answers to no name', () => {
  it('a name that is not UTF-8 is listed with U+FFFD; it reads as missing and its version is no error', async () => {
    const root = mkdtempSync(join(tmpdir(), 'broadsheet-localstore-latin1-'));
    try {
      writeFileSync(Buffer.concat([Buffer.from(join(root, 'caf')), Buffer.from([0xe9]), Buffer.from('.md')]), 'bytes');
      writeFileSync(join(root, 'ok.md'), 'ok');
      const store = new LocalStore(root);
      const listed = await store.list('');
      expect(listed.map((object) => object.key)).toEqual(['caf\uFFFD.md', 'ok.md']);
      expect(await store.get('caf\uFFFD.md')).toBeUndefined();
      const [odd, ok] = listed;
      expect(() => odd!.version).not.toThrow();
      expect(odd!.version).not.toBe(ok!.version);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('LocalStore special files', () => {
  it('refuses a named pipe or a folder at a key with an UnreadableFileError naming it and why, without waiting for a writer', async () => {
    const root = mkdtempSync(join(tmpdir(), 'broadsheet-localstore-pipe-'));
    try {
      execFileSync('mkfifo', [join(root, 'site.yml')], { timeout: 10_000 });
      mkdirSync(join(root, 'entries'));
      const store = new LocalStore(root);
      const pipe = `cannot read ${join(root, 'site.yml')}: it is a named pipe, not a regular file (replace it with a file)`;
      // The file's own state (UnreadableFileError, a StoreError): a content load names it as that file's problem.
      const asPipe = new UnreadableFileError(pipe, 'site.yml', 'not a file', 'it is a named pipe, not a regular file');
      await expect(store.getText('site.yml')).rejects.toThrow(asPipe);
      await expect(store.get('site.yml')).rejects.toThrow(asPipe);
      await expect(store.getText('entries')).rejects.toThrow(new UnreadableFileError(`cannot read ${join(root, 'entries')}: it is a folder, not a regular file (replace it with a file)`, 'entries', 'not a file', 'it is a folder, not a regular file'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('LocalStore deletions', () => {
  it('removes the folders a deletion empties, up to the root and no further, and never one that still holds a file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'broadsheet-emptied-'));
    try {
      const store = new LocalStore(root);
      for (const key of ['entries/2014/a/index.html', 'entries/2014/b/index.html', 'archives/2014-05/rss.xml']) await store.put(key, 'x', { contentType: 'text/plain' });
      await store.delete('entries/2014/a/index.html');
      expect(readdirSync(join(root, 'entries', '2014'))).toEqual(['b']);
      await store.delete('entries/2014/b/index.html');
      expect(readdirSync(root).sort()).toEqual(['archives']);
      await store.delete('archives/2014-05/rss.xml');
      expect(readdirSync(root)).toEqual([]);
      // A key that was never there empties nothing.
      await store.delete('entries/2015/c/index.html');
      expect(readdirSync(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('writes into a folder again after a deletion removed it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'broadsheet-emptied-again-'));
    try {
      const store = new LocalStore(root);
      await store.put('digests/2014-W19.html', 'one', { contentType: 'text/plain' });
      await store.delete('digests/2014-W19.html');
      await store.put('digests/2014-W20.html', 'two', { contentType: 'text/plain' });
      expect(await store.putIfAbsent('_broadsheet/sends/2014-W20/a', 'claim', { contentType: 'text/plain' })).toBe(true);
      expect(readFileSync(join(root, 'digests', '2014-W20.html'), 'utf8')).toBe('two');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('LocalStore pages and folders', () => {
  it('gives the files a page a folder, in the key order list gives, and the folders right under a prefix', async () => {
    const root = mkdtempSync(join(tmpdir(), 'broadsheet-localpages-'));
    try {
      // `a-c` and `a.d` sort before the keys of folder `a/` ('-' and '.' come before '/'), though `a` sorts first as a name.
      for (const path of ['w/a/b', 'w/a-c', 'w/a.d', 'w/a/e/f', 'w/g', 'x']) {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), path);
      }
      const store = new LocalStore(root);
      const pages: string[][] = [];
      for await (const page of store.listPages('w/')) pages.push(page.map((object) => object.key));
      expect(pages).toEqual([['w/a-c', 'w/a.d'], ['w/a/b'], ['w/a/e/f'], ['w/g']]);
      expect(pages.flat()).toEqual((await store.list('w/')).map((object) => object.key));
      expect(await store.listFolders('w/')).toEqual(['w/a/']);
      expect(await store.listFolders('w/a/')).toEqual(['w/a/e/']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
