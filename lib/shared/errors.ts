/** One thing wrong with the content, reported as `FILE[:LINE]: field: message (fix)`. */
export interface Problem {
  file: string;
  line?: number;
  field: string;
  message: string;
  fix: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.field}: ${problem.message} (${problem.fix})`;
}

/** Base class: an error Broadsheet expects and can explain in one line. */
export class BroadsheetError extends Error {
  override name = 'BroadsheetError';
}

/** The editor's content is invalid; `problems` lists every problem found. */
export class ContentError extends BroadsheetError {
  override name = 'ContentError';
  constructor(
    readonly problems: readonly Problem[],
    options?: ErrorOptions,
  ) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the content`, options);
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

/** Reading from or writing to a store failed. */
export class StoreError extends BroadsheetError {
  override name = 'StoreError';
}

/** A feed could not be serialised safely (a guard around the `feed` package tripped). */
export class RenderError extends BroadsheetError {
  override name = 'RenderError';
}

/** Another publish or send holds the lock. */
export class ConflictError extends BroadsheetError {
  override name = 'ConflictError';
}

/** The digest's archive is not published as rendered, so its email must wait: the links in it would not hold. */
export class ArchiveError extends BroadsheetError {
  override name = 'ArchiveError';
}

/**
 * A message that could not be delivered. `definitive`: the transport did not accept it, so it was not sent
 * and a later run may try again. Otherwise the outcome is unknown (the connection dropped mid-message) and
 * the recipient is never sent to again. `fatal`: the transport is unusable (bad credentials, throttled,
 * account paused), so the run stops and the next run resumes.
 */
export class DeliveryError extends BroadsheetError {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly definitive: boolean,
    readonly fatal = false,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
