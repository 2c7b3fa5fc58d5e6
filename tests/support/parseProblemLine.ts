import { expect } from 'vitest';

export interface ProblemLine {
  file: string;
  line?: string;
  field: string;
  message: string;
  fix: string;
}

/** Parses `FILE[:LINE]: field: message (fix)`, the form of every problem line check and publish print. */
export function parseProblemLine(line: string): ProblemLine {
  const match = /^(?<file>[^:\s]+)(?::(?<line>\d+))?: (?<field>[^:]+): (?<message>.+) \((?<fix>[^()]*(?:\([^()]*\)[^()]*)*)\)$/.exec(line);
  expect(match, `not in the FILE[:LINE]: field: message (fix) form: ${line}`).not.toBeNull();
  return match!.groups as unknown as ProblemLine;
}
