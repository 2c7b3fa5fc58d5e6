import type { Problem } from '../shared/errors.js';
import { MAX_TEXT_CHARS } from './limits.js';

/**
 * The warning for an entry whose default summary was cut (SummaryCut): its readers see a summary that stops short,
 * which the editor may rather write.
 */
export function shortenedSummaryWarning(file: string): Problem {
  return { file, field: 'summary', message: `is not given, and the body's first paragraph, which stands in for it, is longer than the ${MAX_TEXT_CHARS.summary.toLocaleString('en')} characters a summary may have: feeds, pages and the digest show its start, cut after a word, with "…"`, fix: 'write summary: with one or two plain sentences, or split that paragraph' };
}
