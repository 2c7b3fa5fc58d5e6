import { describe, expect, it } from 'vitest';
import { subscriberFileRecipients } from '../../../lib/delivery/recipientSources.js';
import { ConfigError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

describe('subscriberFileRecipients: a subscriber list that is not in the content store', () => {
  it('in a content folder: says to create it, or send with --to', async () => {
    const error = await subscriberFileRecipients(new MemoryStore(), 'subscribers.txt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('(create it with one address a line, set digest.subscribers, or pass --to)');
  });

  // push-content keeps the list home and deletes a copy in the bucket: one created there is gone at the next push.
  it('in a content bucket: names the local folder and the subscriber store of that bucket, never creating it there', async () => {
    const error = await subscriberFileRecipients(new MemoryStore(), 'lists/readers.txt', 'news-content').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('push-content keeps the subscriber list home, and deletes a copy in the bucket');
    expect(message).toContain('(send from the content folder that holds the list: --content DIR; ');
    expect(message).toContain('or send to that store with --subscribers s3://news-content/_subscribers/, after moving the addresses in once: broadsheet subscribers import lists/readers.txt --subscribers s3://news-content/_subscribers/; or pass --to)');
    expect(message).not.toContain('create it');
  });

  it('in a content bucket that holds it (put there by other means): reads it as from a folder', async () => {
    const content = new MemoryStore();
    content.objects.set('subscribers.txt', { body: Buffer.from('ada@example.org\n'), contentType: 'text/plain' });
    expect(await subscriberFileRecipients(content, 'subscribers.txt', 'news-content')).toEqual([{ address: 'ada@example.org' }]);
  });
});
