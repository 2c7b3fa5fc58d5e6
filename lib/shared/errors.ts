import { distinctName, printableName, printableText } from './printable.js';
import { countOf } from './countOf.js';

/** One thing wrong with the content, reported as `FILE[:LINE]: field: message (fix)`. */
export interface Problem {
  file: string;
  line?: number;
  field: string;
  message: string;
  fix: string;
  /**
   * The other files its message names as look-alikes (two ids that differ only by case, normalisation or invisible
   * characters): a line of it starts with `file` told apart (distinctName: marks and invisible characters escaped),
   * as the message is about them, its look-alike with a line of its own or not.
   */
  alike?: readonly string[];
}

/**
 * The problem as one line of text (run records', the functions'): names escaped by printableName, the rest by
 * printableText; the file told apart (distinctName) where the message is about look-alikes (`alike`).
 */
export function formatProblem(problem: Problem): string {
  return formatProblemAs(problem, problem.alike?.length ? distinctName(problem.file) : printableName(problem.file));
}

/** The problem as formatProblem writes it, with its file printed as `file` (problemLines: a name told apart). */
export function formatProblemAs(problem: Problem, file: string): string {
  const where = problem.line === undefined ? file : `${file}:${problem.line}`;
  return `${where}: ${printableName(problem.field)}: ${printableText(problem.message)} (${printableText(problem.fix)})`;
}

/** Base class: an error Broadsheet expects and can explain in one line. */
export class BroadsheetError extends Error {
  override name = 'BroadsheetError';
}

/** The editor's content is invalid; `problems` lists every problem found. */
export class ContentError extends BroadsheetError {
  override name = 'ContentError';
  /** What the refusal left undone, as the CLI says it; a digest send refused after the archive is published says so. */
  outcome = 'nothing was written';
  /** The warnings of the content refused, when it was read far enough to have any: they often explain a problem. */
  readonly warnings: readonly Problem[];
  constructor(
    readonly problems: readonly Problem[],
    options?: ErrorOptions & { warnings?: readonly Problem[] },
  ) {
    super(`${countOf(problems.length, 'problem', 'problems')} in the content`, options);
    this.warnings = options?.warnings ?? [];
  }
}

/** A publish would change the id of entries already published (`problems` names each); refused unless allowed. */
export class IdChangeError extends ContentError {
  override name = 'IdChangeError';
  constructor(problems: readonly Problem[], options?: ErrorOptions & { message?: string; warnings?: readonly Problem[] }) {
    super(problems, options);
    this.message = options?.message ?? `${countOf(problems.length, 'published entry', 'published entries')} would get a new id, and show again as new in every reader`;
  }
}

/** A setting (flag, environment variable, site.yml block) is missing or malformed. */
export class ConfigError extends BroadsheetError {
  override name = 'ConfigError';
}

/** A command line that cannot be run as given. */
export class UsageError extends BroadsheetError {
  override name = 'UsageError';
}

/** The output holds the publish of another site (lib/plan/otherSitePublish.ts): the command names the wrong output. */
export class OtherSiteError extends UsageError {
  override name = 'OtherSiteError';
}

/**
 * A local output holds something where a publish writes (lib/publish/refuseBlockedPaths.ts): a file where it needs a
 * folder, or a folder where it writes a file. Refused before anything is written; the message names each and the fix.
 * `found` names them and `fix` says what to do with them, apart, for `check --out`, which tells of them before a publish.
 */
export class OutputBlockedError extends UsageError {
  override name = 'OutputBlockedError';
  constructor(
    readonly found: string,
    readonly fix: string,
    options?: ErrorOptions,
  ) {
    super(`${found}: ${fix}, then publish again; nothing was written`, options);
  }
}

/**
 * An output no publish wrote to holds files at names a publish writes (lib/publish/refuseUnclaimedFiles.ts). `found`
 * says where and which, without the fix: the publish function, which cannot overwrite them, gives its own.
 */
export class UnclaimedFilesError extends OtherSiteError {
  override name = 'UnclaimedFilesError';
  constructor(
    readonly found: string,
    fix: string,
    options?: ErrorOptions,
  ) {
    super(`${found}: ${fix}`, options);
  }
}

/** Reading from or writing to a store failed. */
export class StoreError extends BroadsheetError {
  override name = 'StoreError';
}

/**
 * Why a file a store holds cannot be read, lastingly (a local file's state, not a network fault): each has its own fix.
 * `not entered`: a folder that can be listed but not entered (no x permission), whose files none can be read; the
 * error's key is then the folder's.
 */
export type UnreadableKind = 'permission' | 'locked' | 'input/output' | 'not a file' | 'not entered';

/** A file that is there but cannot be read: `key` names it, `kind` says why and `reason` in words. */
export class UnreadableFileError extends StoreError {
  override name = 'UnreadableFileError';
  constructor(
    message: string,
    readonly key: string,
    readonly kind: UnreadableKind,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** An object over the byte cap its reader gave (ReadOptions.maxBytes), left unread: `size` is its stored size. */
export class ObjectTooLargeError extends StoreError {
  override name = 'ObjectTooLargeError';
  constructor(
    message: string,
    readonly size: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The output could not be built safely: a guard around the `feed` package tripped, or two builders claimed one file or unit id (lib/publish/buildSite.ts). */
export class RenderError extends BroadsheetError {
  override name = 'RenderError';
}

/** What `new` would create is taken by another entry: its file, its id, or the article its URL links (cli/newEntry.ts). Nothing was written. */
export class TakenError extends BroadsheetError {
  override name = 'TakenError';
}

/** The digest function's publish could not run: the publish function was busy with another publish (functions/digest.ts). Nothing was sent. */
export class PublishBusyError extends BroadsheetError {
  override name = 'PublishBusyError';
}

/** The digest's archive is not published as rendered, so its email must wait: the links in it would not hold. */
export class ArchiveError extends BroadsheetError {
  override name = 'ArchiveError';
}

/**
 * What became of a message that a transport did not confirm:
 * - `refused`: the server answered it with a refusal (SMTP 4yz/5yz to the recipient or the message, an SES
 *   rejection): not delivered; recorded failed, and a later run may try again;
 * - `unknown`: the message was handed over and no final answer came back (the connection dropped or timed out after
 *   the data): maybe delivered, so never sent again;
 * - `notAttempted`: the transport is down (no connection or greeting, TLS or login failed, 421, a refusal every
 *   recipient would meet: relaying denied, a login required, the sender refused; SES throttled, paused or failing),
 *   or the message was withdrawn before it was handed over (MailTransport.send's beforeHandOver rejected): nothing
 *   was delivered, and the run stops so that a later one resumes (or, when another run took the message over, goes on
 *   without it).
 */
export type DeliveryOutcome = 'refused' | 'unknown' | 'notAttempted';

/** A message the transport did not confirm; `outcome` says what that means for exactly-once delivery. */
export class DeliveryError extends BroadsheetError {
  override name = 'DeliveryError';
  /** A refusal the server called temporary (SMTP 4yz): it counts towards the run's consecutive transport failures. */
  readonly transient: boolean;
  /** A refusal whose code names the recipient's address or mailbox (smtpRefusalScope's `recipient`): it says nothing of the transport. */
  readonly ofRecipient: boolean;
  constructor(
    message: string,
    readonly outcome: DeliveryOutcome,
    options?: ErrorOptions & { transient?: boolean; ofRecipient?: boolean },
  ) {
    super(message, options);
    this.transient = options?.transient ?? false;
    this.ofRecipient = options?.ofRecipient ?? false;
  }
}

/** A digest run that stopped before the end of its list; the next run resumes with the recipients not reached. */
export class DeliveryStoppedError extends BroadsheetError {
  override name = 'DeliveryStoppedError';
}

/** A publish as of a moment before one the last publish's output needs: it would take down what came due since. */
export class EarlierNowError extends BroadsheetError {
  override name = 'EarlierNowError';
  /** `neededAt`: that moment (ms), for a caller that reads the site's zone to say it there too (earlierNowRefusal). */
  constructor(
    message: string,
    readonly neededAt?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Another publish holds the output's lock (lib/publish/publishLock.ts); nothing was written. */
export class PublishLockedError extends BroadsheetError {
  override name = 'PublishLockedError';
}

/** A subscription link's token is malformed, forged, for another purpose, or expired. */
export class TokenError extends BroadsheetError {
  override name = 'TokenError';
}

/** A link that is not whole: cut, changed or not made here (a whole link that no longer works is a plain TokenError). */
export class DamagedLinkError extends TokenError {
  override name = 'DamagedLinkError';
}

/** A subscriber record changed between its read and its write (a conditional write lost the race). */
export class SubscriberConflictError extends BroadsheetError {
  override name = 'SubscriberConflictError';
}

/** Too little of a function's time is left for one more request at its worst; the run stops so that its event is retried. */
export class DeadlineError extends BroadsheetError {
  override name = 'DeadlineError';
}

/** The command was asked to stop (Ctrl-C, SIGTERM) and started no more reads of the content or writes of the site. */
export class InterruptedError extends BroadsheetError {
  override name = 'InterruptedError';
  constructor(readonly signal: 'SIGINT' | 'SIGTERM', message: string) {
    super(message);
  }
}

/** A scheduled run that refused (its setup or its content) and did nothing: thrown once the refusal is logged, so that the function's Errors metric counts it. */
export class RunRefusedError extends BroadsheetError {
  override name = 'RunRefusedError';
}

/**
 * An SSM parameter a function reads could not be read, or holds no value it can use. `parameter` is its name and
 * `variable` the environment variable naming it, never its value. `transient`: SSM did not answer (a timeout,
 * throttling, a server error), and a later run may read it; otherwise the setup is wrong, and the message says the fix.
 */
export class ParameterError extends BroadsheetError {
  override name = 'ParameterError';
  readonly parameter: string;
  readonly variable: string;
  readonly transient: boolean;
  constructor(message: string, source: { parameter: string; variable: string; transient: boolean }, options?: ErrorOptions) {
    super(message, options);
    this.parameter = source.parameter;
    this.variable = source.variable;
    this.transient = source.transient;
  }
}
