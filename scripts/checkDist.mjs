// Runs before tsc in `npm run build`. tsc's incremental build (tsconfig.build.json) emits again only the files whose
// sources changed since dist/.tsbuildinfo, and never looks at dist/ itself. So when dist/ is not what the last build
// left there (a file deleted or edited, lib/ compiled over it by `npm run bench` without source maps, a build stopped
// part way), its state and the build record are dropped: tsc compiles everything and the CLI is bundled again.
import { rmSync } from 'node:fs';
import { BUILD_RECORD, distFiles, readBuildRecord, sameFiles, TS_BUILD_INFO } from './buildRecord.mjs';

const record = readBuildRecord();
if (record === undefined || !sameFiles(record.files, distFiles())) {
  rmSync(TS_BUILD_INFO, { force: true });
  rmSync(BUILD_RECORD, { force: true });
}
