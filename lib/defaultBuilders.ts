import type { ArtifactBuilder } from './artifact.js';
import { digestArtifacts } from './digestArtifacts.js';
import { feedArtifacts } from './feedArtifacts.js';
import { pageArtifacts } from './pageArtifacts.js';

/** Everything a publish makes, in order: feeds first. Each issue's output family registers here. */
export const DEFAULT_BUILDERS: readonly ArtifactBuilder[] = [feedArtifacts, pageArtifacts, digestArtifacts];
