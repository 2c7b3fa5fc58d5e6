// A what-if for the benchmark, not a mode of Broadsheet: a publish from scratch that builds everything but the
// digest archive, to show what the archive costs a first publish. It calls the same core as
// `broadsheet publish` (lib/publish/publish.ts with local stores), as a whole process.
// Usage: node bench/withoutArchive.mjs CONTENT OUT NOW
import { DateTime } from 'luxon';
import { publish } from '../dist/lib/publish/publish.js';
import { LocalStore } from '../dist/lib/store/localStore.js';
import { DEFAULT_BUILDERS } from '../dist/lib/publish/defaultBuilders.js';
import { digestArtifacts } from '../dist/lib/digest/digestArtifacts.js';

const [content, out, now] = process.argv.slice(2);
if (!content || !out || !now) throw new Error('usage: node bench/withoutArchive.mjs CONTENT OUT NOW');
const result = await publish({
  content: new LocalStore(content),
  output: new LocalStore(out),
  now: DateTime.fromISO(now, { setZone: true }),
  builders: DEFAULT_BUILDERS.filter((builder) => builder !== digestArtifacts),
});
process.stdout.write(`${JSON.stringify({ counts: result.counts })}\n`);
