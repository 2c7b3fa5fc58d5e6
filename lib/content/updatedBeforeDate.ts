/**
 * The warning for an `updated:` earlier than the entry's `date:` (both as instants), or undefined. A correction comes
 * after what it corrects, so every feed gives such an entry its date as its update time (Atom `updated`, JSON Feed
 * `date_modified`) and its page shows no correction: the `updated:` says nothing, and is most likely a mistyped year
 * (1014 for 2014), or the date's (2104 for 2014), or, in the same year, a time left out. `typed` are the two values as
 * written.
 */
export function updatedBeforeDate(date: number, updated: number, typed: { date: string; updated: string }): { message: string; fix: string } | undefined {
  if (updated >= date) return undefined;
  return {
    message: `${typed.updated} is earlier than the date, ${typed.date}: every feed gives the date as the update time, and the page shows no correction`,
    // The same year typed: a time left out (`updated: 2014-05-08` is its midnight) or typed wrong, not a year.
    fix: typed.updated.slice(0, 4) === typed.date.slice(0, 4) ? "give updated: the correction's time, after the date's, or remove it" : 'check both years; if the correction did come before the date, remove updated:',
  };
}
