// What a publish needs once the settled check has found the output not settled: the parsing, planning, rendering and
// writing code, which lib/publish/publish.ts loads after that check as one module (one chunk of the CLI's bundle, not one
// per step).
export { loadAndPlan } from './loadAndPlan.js';
export { buildSite } from './buildSite.js';
export { writeSite } from './writeSite.js';
export { DEFAULT_BUILDERS } from './defaultBuilders.js';
export { changedFeedUrls, hubsToPing, pingHubs } from './websub.js';
export { refuseIdChanges } from './refuseIdChanges.js';
export { findIdChanges, heldBackIdChanges } from '../plan/idChanges.js';
export { likelyRenames } from '../plan/likelyRenames.js';
export { refuseIdPrefixChange } from './refuseIdPrefixChange.js';
export { publishedSiteFeed } from './publishedSiteFeed.js';
export { refuseOtherSite } from './refuseOtherSite.js';
export { refuseUnclaimedFiles } from './refuseUnclaimedFiles.js';
export { refuseBlockedPaths } from './refuseBlockedPaths.js';
export { readerImpact } from './readerImpact.js';
export { returningIds } from './returningIds.js';
export { heldBack } from '../plan/heldBack.js';
export { listIdChange, recordedListId } from '../plan/listIdChange.js';
export { outIds } from '../plan/outIds.js';
export { unfedEntries } from '../plan/unfedEntries.js';
export { unfedCorrections } from '../plan/unfedCorrections.js';
export { zoneMoves, zoneMovedWarning } from '../plan/zoneMovedDates.js';
