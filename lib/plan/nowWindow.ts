/** The moments [from, until) for which an output stays the same; null: unbounded. Epoch milliseconds. */
export interface NowWindow {
  from: number | null;
  until: number | null;
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
