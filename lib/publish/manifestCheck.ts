import { STATE_DIR } from '../shared/outputLayout.js';
import { isSafeKey } from '../store/store.js';

/**
 * What is wrong with a parsed manifest, or undefined when every part has the shape the publish relies on: a
 * publish trusts none of a damaged manifest (its records, units or settled record), since any one wrong record
 * could keep a file from being rewritten or have it deleted.
 */
export function manifestProblem(data: unknown): string | undefined {
  if (!isObject(data)) return 'it is not a JSON object';
  if (data.format !== 1) return `its format is ${JSON.stringify(data.format)}, not 1`;
  if (!isObject(data.objects)) return '"objects" is not an object';
  if (data.listId !== undefined && typeof data.listId !== 'string') return '"listId" is not a string';
  if (data.noDigest !== undefined && data.noDigest !== true) return '"noDigest" is not true';
  const objects = data.objects;
  for (const key in objects) {
    const problem = keyProblem(key) ?? recordProblem(objects[key]);
    if (problem) return `the record of ${JSON.stringify(key)} ${problem}`;
  }
  if (data.units !== undefined) {
    const units = data.units;
    if (!isObject(units)) return '"units" is not an object';
    for (const id in units) {
      if (!unitIsSound(units[id])) return `the unit ${JSON.stringify(id)} is not a fingerprint with its files' hashes`;
    }
  }
  if (data.settled !== undefined && !settledIsSound(data.settled)) return '"settled" is not a settled record';
  return undefined;
}

/** A settled record's shape (lib/publish/settled.ts), as a publish relies on it. */
export function settledIsSound(settled: unknown): boolean {
  const moment = (value: unknown) => value === null || (typeof value === 'number' && Number.isFinite(value));
  const summary = isObject(settled) ? settled.summary : undefined;
  const entries = isObject(summary) ? summary.entries : undefined;
  const bad =
    !isObject(settled) ||
    typeof settled.inputs !== 'string' ||
    (settled.racy !== undefined && settled.racy !== true) ||
    !moment(settled.from) ||
    !moment(settled.until) ||
    !isObject(summary) ||
    !isObject(entries) ||
    !['total', 'published', 'skipped'].every((field) => Number.isInteger(entries[field])) ||
    !Number.isInteger(summary.tags) ||
    !Array.isArray(summary.skipped) ||
    !Array.isArray(summary.warnings);
  return !bad;
}

/** A published file's key: one the store accepts, outside Broadsheet's own state (which publish never deletes). */
function keyProblem(key: string): string | undefined {
  if (!isSafeKey(key)) return 'has an unsafe key';
  return key.startsWith(STATE_DIR) ? `lies under ${STATE_DIR}` : undefined;
}

/** A unit's record: a fingerprint and each file it made (a published file's key) with its hash. */
function unitIsSound(unit: unknown): boolean {
  if (!isObject(unit) || typeof unit.fingerprint !== 'string') return false;
  const files = unit.files;
  if (!isObject(files)) return false;
  for (const key in files) if (keyProblem(key) !== undefined || typeof files[key] !== 'string') return false;
  return true;
}

function recordProblem(record: unknown): string | undefined {
  if (!isObject(record)) return 'is not an object';
  if (typeof record.sha256 !== 'string' || record.sha256 === '') return 'has no sha256';
  if (typeof record.contentType !== 'string') return 'has no contentType';
  if (!Number.isSafeInteger(record.size) || (record.size as number) < 0) return 'has no size';
  if (record.version !== undefined && typeof record.version !== 'string') return 'has a version that is not a string';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
