/**
 * What the uncarried-correction warning (lib/plan/unfedCorrections.ts) needs of the last finished publish, kept in a
 * publish's intent manifest (StoredManifest.correctionsBefore), which drops that publish's settled record: `until`, the
 * end of the window it recorded (a correction dated at or after it came due since), and `files`, those whose
 * correction the run that wrote the intent warns of, whose entry pages the intent records as of unknown bytes.
 */
export interface CorrectionsBefore {
  until: number | null;
  files: string[];
}

/** The stored form of this code's, else undefined: the manifest is a file on the output, not this code's memory alone. */
export function decodeCorrectionsBefore(stored: unknown): CorrectionsBefore | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { until, files } = stored as { until?: unknown; files?: unknown };
  if (until !== null && (typeof until !== 'number' || !Number.isFinite(until))) return undefined;
  if (!Array.isArray(files) || !files.every((file) => typeof file === 'string')) return undefined;
  return { until, files };
}
