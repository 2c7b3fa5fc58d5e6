import type { Artifact, ArtifactBuilder } from '../plan/artifact.js';
import type { SitePlan } from '../plan/sitePlan.js';
import { contentTypeFor } from '../shared/contentTypes.js';
import { ICON_KEY } from '../shared/outputLayout.js';
import { PAGE_PALETTE } from '../shared/pagePalette.js';
import { initialsOf, renderIconPng } from './renderIconPng.js';

/** icon.png, the site's initials, when site.yml names no `icon`: so readers never show a blank for the site. */
export const iconArtifacts: ArtifactBuilder = {
  entriesNeeded: () => [],
  build(plan: SitePlan): Artifact[] {
    if (plan.site.icon) return [];
    const body = renderIconPng(initialsOf(plan.site.title, plan.site.host), PAGE_PALETTE.light.accent);
    return [{ key: ICON_KEY, body, contentType: contentTypeFor(ICON_KEY) }];
  },
};
