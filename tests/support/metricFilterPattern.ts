import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './cli.js';

/**
 * Whether a CloudWatch Logs JSON filter pattern (CloudWatch Logs User Guide, "Using filter patterns to match terms in
 * JSON log events") matches a log line, for the subset serverless.yml's metric filters use: `{ EXPR }` of
 * `$.a.b = "text"`, `$.a.b != "text"`, `$.a.b IS TRUE`, `$.a.b IS FALSE`, joined by `&&` and `||` in parentheses.
 * No service or library evaluates these off AWS; anything else in a pattern throws, so a new form is not misread.
 * A comparison on a field the line lacks is false (CloudWatch matches only selectors the event holds).
 */
export function metricFilterMatches(pattern: string, line: Record<string, unknown>): boolean {
  const outer = /^\{\s*(.*?)\s*\}$/s.exec(pattern.trim());
  if (!outer) throw new Error(`not a JSON filter pattern: ${pattern}`);
  const tokens = [...outer[1]!.matchAll(/\s*(\(|\)|&&|\|\||\$\.[\w.]+\s*(?:!?=\s*"[^"]*"|IS (?:TRUE|FALSE)))/gy)].map((match) => match[1]!);
  if (tokens.join('').replace(/\s/g, '') !== outer[1]!.replace(/\s/g, '')) throw new Error(`a filter pattern this reader does not take: ${pattern}`);
  let at = 0;
  const term = (): boolean => {
    const token = tokens[at++];
    if (token === '(') {
      const value = either();
      if (tokens[at++] !== ')') throw new Error(`unbalanced parentheses in ${pattern}`);
      return value;
    }
    const test = /^\$\.([\w.]+)\s*(?:(!?=)\s*"([^"]*)"|IS (TRUE|FALSE))$/.exec(token ?? '');
    if (!test) throw new Error(`a term this reader does not take in ${pattern}: ${token}`);
    const value = test[1]!.split('.').reduce<unknown>((object, key) => (object !== null && typeof object === 'object' ? (object as Record<string, unknown>)[key] : undefined), line);
    if (value === undefined) return false;
    if (test[4] !== undefined) return value === (test[4] === 'TRUE');
    return test[2] === '=' ? value === test[3] : value !== test[3];
  };
  const both = (): boolean => {
    let value = term();
    while (tokens[at] === '&&') {
      at++;
      value = term() && value;
    }
    return value;
  };
  const either = (): boolean => {
    let value = both();
    while (tokens[at] === '||') {
      at++;
      value = both() || value;
    }
    return value;
  };
  const value = either();
  if (at !== tokens.length) throw new Error(`a filter pattern this reader does not take: ${pattern}`);
  return value;
}

/** The FilterPattern of serverless.yml's resource `name` (an AWS::Logs::MetricFilter), as deployed. */
export function metricFilterPattern(name: string): string {
  const text = readFileSync(join(REPO, 'serverless.yml'), 'utf8');
  const found = new RegExp(`\\n {4}${name}:\\n(?: {6}.*\\n)*? {8}FilterPattern: '(.+)'\\n`).exec(text);
  if (!found) throw new Error(`serverless.yml has no metric filter ${name}`);
  return found[1]!;
}
