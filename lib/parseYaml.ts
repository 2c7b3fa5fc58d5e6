import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import type { Problem } from './errors.js';

export type YamlResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

/**
 * Parses YAML with the core schema: no timestamps (dates stay strings, so the site's time zone applies),
 * no custom tags. `firstLine` is the file line the text starts on, so errors point into the file.
 */
export function parseYaml(text: string, file: string, firstLine = 1): YamlResult {
  try {
    return { ok: true, value: load(text, { schema: CORE_SCHEMA, filename: file }) };
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const problem: Problem = {
      file,
      field: 'yaml',
      message: `malformed YAML: ${error.reason ?? error.message.split('\n')[0]}`,
      fix: 'check the indentation, quotes and colons on that line; quote values that contain ": " or start with a special character',
    };
    const line = (error as YAMLException & { mark?: { line?: number } }).mark?.line;
    if (typeof line === 'number') problem.line = firstLine + line;
    return { ok: false, problem };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
