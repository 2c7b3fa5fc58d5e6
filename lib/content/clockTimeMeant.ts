// A clock time as people type it: an hour of one or two digits, perhaps minutes after `:`, `.` or `h`, perhaps am/pm
// (`8:00`, `8.30`, `20h15`, `8am`, `8:30 p.m.`).
const TYPED = /^(\d{1,2})(?:[:.h](\d{2}))?(?:\s*([ap])\.?m\.?)?$/i;

/**
 * The `HH:MM` (24-hour, two digits each) a loosely typed time of day means: `8:00` → `08:00`, `8am` → `08:00`,
 * `8:30 pm` → `20:30`, `12am` → `00:00`, a whole number of hours (YAML's `time: 8`) → `08:00`. Undefined for text that
 * is no such time (`25:00`, `13pm`, `8` typed as text without am/pm or minutes, a number with a fraction, which YAML
 * read from `8.30` as 8.3).
 */
export function clockTimeMeant(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 23 ? `${String(value).padStart(2, '0')}:00` : undefined;
  if (typeof value !== 'string') return undefined;
  const match = TYPED.exec(value.trim());
  if (!match) return undefined;
  const [, hourText, minuteText, half] = match;
  // `8` alone in quotes is too little to read as a time.
  if (minuteText === undefined && half === undefined) return undefined;
  let hour = Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  if (minute > 59) return undefined;
  if (half !== undefined) {
    // 12-hour clock: 1 to 12, 12am is midnight and 12pm noon.
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half.toLowerCase() === 'p' ? 12 : 0);
  } else if (hour > 23) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
