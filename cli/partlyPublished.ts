import { StoreError } from '../lib/shared/errors.js';

/** The words that tell a run's message already says what the output holds and how to finish (status says no more). */
export const PARTLY_PUBLISHED = 'the output holds part of this publish';

/**
 * A store's failure after some of the site's files were written or deleted (a full disk, a folder made read-only):
 * the same error, its message saying what the output now holds and that the next publish, once the cause named is
 * fixed, finishes the change (each write is whole and the manifest kept the intent). Any other error as it is.
 */
export function partlyPublished(error: unknown, wroteSite: boolean): unknown {
  if (!wroteSite || !(error instanceof StoreError)) return error;
  return new StoreError(`${error.message}; ${PARTLY_PUBLISHED}, every file whole (the old one or the new): publish again once that is fixed, to finish it`, { cause: error });
}
