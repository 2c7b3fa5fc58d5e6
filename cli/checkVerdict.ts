import { EXIT_CONTENT, EXIT_FAILURE, EXIT_OK } from './io.js';

/** What `check --out` found, counted by the refusal of `publish` each stands for. */
export interface CheckFindings {
  /** A --now earlier than the last publish's output needs (EarlierNowError). */
  earlierNow: boolean;
  /** Problems of the content itself: invalid entries, site.yml (ContentError). */
  content: number;
  /** The output holds another site's publish (OtherSiteError). */
  otherSite: number;
  /** Published ids that would change (IdChangeError). */
  refusedIds: number;
  /** Files no publish wrote at names a publish writes (UnclaimedFilesError). */
  unclaimed: number;
  /** In a folder output, a file where a publish needs a folder or a folder where it writes a file (OutputBlockedError). */
  blocked: number;
  /** Problems of the digest's subscriber list: a send's, which publish never reads (check's own, ContentError). */
  subscriberList: number;
}

/** check's verdict: its exit status and the class of the refusal (`--json`'s `error`), none when it found nothing. */
export interface CheckVerdict {
  status: number;
  error: string | undefined;
}

/**
 * check's verdict, as `publish` to that output would refuse (README, Commands: exit 1 invalid content or a published
 * id refused, 2 any other failure): the first refusal in the order lib/publish/publish.ts meets them decides, an
 * earlier --now before the content is read, the other site before the ids are compared, files in the way last
 * (those no publish wrote before the blocked paths). The subscriber list's problems, which no publish meets, fail the
 * check only when publish would go through.
 */
export function checkVerdict(found: CheckFindings): CheckVerdict {
  if (found.earlierNow) return { status: EXIT_FAILURE, error: 'EarlierNowError' };
  if (found.content > 0) return { status: EXIT_CONTENT, error: 'ContentError' };
  if (found.otherSite > 0) return { status: EXIT_FAILURE, error: 'OtherSiteError' };
  if (found.refusedIds > 0) return { status: EXIT_CONTENT, error: 'IdChangeError' };
  if (found.unclaimed > 0) return { status: EXIT_FAILURE, error: 'UnclaimedFilesError' };
  if (found.blocked > 0) return { status: EXIT_FAILURE, error: 'OutputBlockedError' };
  if (found.subscriberList > 0) return { status: EXIT_CONTENT, error: 'ContentError' };
  return { status: EXIT_OK, error: undefined };
}
