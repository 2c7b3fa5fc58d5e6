import { describe, expect, it } from 'vitest';
import { parseDigestConfig } from '../../../lib/content/digestConfig.js';
import { SUBSCRIBER_LIST_STAYS_HOME } from '../../../lib/content/subscriberListStaysHome.js';
import { subscriberFileRecipients } from '../../../lib/delivery/recipientSources.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { checkSubscriberFile } from '../../../lib/subscribers/subscriberFile.js';

// Why a content bucket holds no subscriber list was said three ways in three folders (check's warning, a send's
// refusal, a comment): one sentence now, which check and a send both give.
describe('SUBSCRIBER_LIST_STAYS_HOME: one wording for a list missing from the content bucket', () => {
  it("check's warning and a send's refusal both say it", async () => {
    const digest = parseDigestConfig({ from: 'Watch <digest@watch.example.org>', subscribers: 'readers.txt' }).config;
    const checked = await checkSubscriberFile(new MemoryStore(), digest, 'news-content');
    expect(checked.warnings.map((warning) => warning.message)).toEqual([`"readers.txt" is not in the content bucket: ${SUBSCRIBER_LIST_STAYS_HOME}`]);
    await expect(subscriberFileRecipients(new MemoryStore(), 'readers.txt', 'news-content')).rejects.toThrow(`the subscriber list readers.txt is not in memory:: ${SUBSCRIBER_LIST_STAYS_HOME} (send from the content folder`);
  });
});
