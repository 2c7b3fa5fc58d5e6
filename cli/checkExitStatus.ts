import { EXIT_CONTENT, EXIT_FAILURE, EXIT_OK } from './io.js';

/** What `check --out` found, counted by the refusal of `publish` each stands for. */
export interface CheckFindings {
  /** A --now earlier than the last publish's output needs (EarlierNowError). */
  earlierNow: boolean;
  /** Problems of the content itself: invalid entries, site.yml, the subscriber list (ContentError). */
  content: number;
  /** The output holds another site's publish (OtherSiteError). */
  otherSite: number;
  /** Published ids that would change (IdChangeError, a ContentError). */
  refusedIds: number;
  /** Files in the output a publish would not write over or through (OutputBlockedError, UnclaimedFilesError). */
  inTheWay: number;
}

/**
 * check's exit status, as `publish` to that output would exit (README, Commands: 1 invalid content or a published id
 * refused, 2 any other failure): the first refusal in the order lib/publish/publish.ts meets them decides, an earlier
 * --now before the content is read, the other site before the ids are compared, files in the way last.
 */
export function checkExitStatus(found: CheckFindings): number {
  if (found.earlierNow) return EXIT_FAILURE;
  if (found.content > 0) return EXIT_CONTENT;
  if (found.otherSite > 0) return EXIT_FAILURE;
  if (found.refusedIds > 0) return EXIT_CONTENT;
  return found.inTheWay > 0 ? EXIT_FAILURE : EXIT_OK;
}
