/**
 * Whether a step of a send may begin: undefined when it may (no clock, or `neededMs`, the step at its longest and what
 * follows it, fits in the time left), else the time left and the time needed, in whole seconds for the reason given.
 */
export function timeShort(timeLeft: (() => number) | undefined, neededMs: number): { left: number; needed: number } | undefined {
  const left = timeLeft?.();
  if (left === undefined || left >= neededMs) return undefined;
  return { left: Math.round(left / 1000), needed: Math.round(neededMs / 1000) };
}
