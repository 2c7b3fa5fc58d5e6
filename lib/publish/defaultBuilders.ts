import type { ArtifactBuilder } from '../plan/artifact.js';
import { monthPageArtifacts } from '../pages/monthPageArtifacts.js';
import { digestArtifacts } from '../digest/digestArtifacts.js';
import { feedArtifacts } from '../feeds/feedArtifacts.js';
import { entryPageArtifacts } from '../pages/entryPageArtifacts.js';
import { iconArtifacts } from '../pages/iconArtifacts.js';
import { pageArtifacts } from '../pages/pageArtifacts.js';

/** Everything a publish makes, in order: feeds first. Each issue's output family registers here. */
export const DEFAULT_BUILDERS: readonly ArtifactBuilder[] = [feedArtifacts, pageArtifacts, entryPageArtifacts, monthPageArtifacts, iconArtifacts, digestArtifacts];
