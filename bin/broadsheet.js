#!/usr/bin/env node
// The CLI as `npm run build` bundles it (scripts/bundleCli.mjs; `npm ci` builds it too, the prepare script). An
// unexpected error's stack under --debug names the TypeScript sources; reading the maps costs time, so only then.
if (process.argv.includes('--debug') || process.env.DEBUG === '1') process.setSourceMapsEnabled(true);
await import('../dist/bundle/run.js');
