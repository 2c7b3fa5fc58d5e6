import { createHash } from 'node:crypto';
import type { Problem } from '../shared/errors.js';
import type { StoredObject } from '../store/store.js';
import type { NowWindow } from '../plan/nowWindow.js';
import type { HeldBack } from '../plan/heldBack.js';

/** What a publish reports beyond its files; kept so that a settled publish can report it without loading anything. */
export interface PublishSummary {
  entries: { total: number; published: number; skipped: number };
  tags: number;
  skipped: Problem[];
  warnings: Problem[];
  /** The entries left out until their date, soonest first (lib/plan/heldBack.ts): the same for every now in the window. */
  heldBack: HeldBack[];
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
  /**
   * An entry file's version was racy (lib/store/isRacy.ts): the same inputs could hide a later save, so the next
   * publish does not stop here. The window still bounds the next `now` (lib/publish/refuseEarlierNow.ts).
   */
  racy?: true;
}

/** A hash of everything a default publish's output depends on but `now`. */
export function settledInputs(parts: { code: string; siteText: string; listed: readonly StoredObject[]; skipInvalid: boolean }): string {
  const hash = createHash('sha256').update(`settled 1\n${parts.code}\n${parts.skipInvalid}\n${parts.siteText.length}\n${parts.siteText}\n`);
  // The same text as one update per file, handed over a batch of files at a time (one call each is slower).
  let batch = '';
  for (const object of parts.listed) {
    batch += `${object.key}\0${object.version}\n`;
    if (batch.length >= 1 << 16) {
      hash.update(batch);
      batch = '';
    }
  }
  return hash.update(batch).digest('hex');
}
