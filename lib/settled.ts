import { createHash } from 'node:crypto';
import type { Problem } from './errors.js';
import type { StoredObject } from './store.js';

/** The moments [from, until) for which an output stays the same; null: unbounded. Epoch milliseconds. */
export interface NowWindow {
  from: number | null;
  until: number | null;
}

/** What a publish reports beyond its files; kept so that a settled publish can report it without loading anything. */
export interface PublishSummary {
  entries: { total: number; published: number; skipped: number };
  tags: number;
  skipped: Problem[];
  warnings: Problem[];
}

/**
 * Written into the manifest by a publish that wrote everything: for the same inputs (the code, site.yml, every
 * entry file's version, the options that change the output) and any `now` inside the window, a publish would
 * make exactly the files the manifest lists. The next publish that finds the same then does nothing at all:
 * no index to read, no plan, no build.
 */
export interface SettledRecord extends NowWindow {
  inputs: string;
  summary: PublishSummary;
}

/** A hash of everything a default publish's output depends on but `now`. */
export function settledInputs(parts: { code: string; siteText: string; listed: readonly StoredObject[]; skipInvalid: boolean }): string {
  const hash = createHash('sha256').update(`settled 1\n${parts.code}\n${parts.skipInvalid}\n${parts.siteText.length}\n${parts.siteText}\n`);
  for (const object of parts.listed) hash.update(`${object.key}\0${object.version}\n`);
  return hash.digest('hex');
}

export function isInside(window: NowWindow, nowMs: number): boolean {
  return (window.from === null || window.from <= nowMs) && (window.until === null || nowMs < window.until);
}

/** The moments inside every one of the windows. */
export function intersectWindows(windows: readonly NowWindow[]): NowWindow {
  let from: number | null = null;
  let until: number | null = null;
  for (const window of windows) {
    if (window.from !== null && (from === null || window.from > from)) from = window.from;
    if (window.until !== null && (until === null || window.until < until)) until = window.until;
  }
  return { from, until };
}
