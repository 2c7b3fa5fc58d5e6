// Runs before tsc in `npm run build`. tsc's incremental build (tsconfig.build.json) emits again only the files whose
// sources changed since dist/.tsbuildinfo, and never looks at dist/ itself. So when dist/ is not what the last build
// left there (a file deleted or edited, lib/ compiled over it by `npm run bench` without source maps, a build stopped
// part way), its state and the build record are dropped: tsc compiles everything and the CLI is bundled again.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_RECORD, distFiles, isMain, readBuildRecord, sameFiles, TS_BUILD_INFO } from './buildRecord.mjs';

/** Drops tsc's incremental state and the build record under `root` unless dist/ is as the record has it. */
export function checkDist(root) {
  const record = readBuildRecord(root);
  if (record === undefined || !sameFiles(record.files, distFiles(root))) {
    rmSync(join(root, TS_BUILD_INFO), { force: true });
    rmSync(join(root, BUILD_RECORD), { force: true });
  }
}

if (isMain(import.meta.url)) checkDist(process.cwd());
