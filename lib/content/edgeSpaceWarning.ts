import { characterName } from '../shared/characterName.js';
import { SPACE_CLASS } from './yamlSpaceProblem.js';

const EDGE = new RegExp(`^[${SPACE_CLASS}]|[${SPACE_CLASS}]$`);

/**
 * The warning for a value typed with a character that looks like a space at its start or end (a no-break space after
 * `timezone: Asia/Seoul`): YAML keeps it as part of the value (YAML 1.2 §5.5: white space is a space or a tab), and the
 * value is read without it, so nothing breaks, but the file holds a character its editor cannot see. `trimmed` is the
 * value as read. Undefined when there is none.
 */
export function edgeSpaceWarning(value: unknown, field: string, trimmed: string): { message: string; fix: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const space = EDGE.exec(value)?.[0];
  if (space === undefined) return undefined;
  const where = value.startsWith(space) ? 'starts' : 'ends';
  return { message: `${where} with ${characterName(space)}, which YAML keeps as text; it is read as ${trimmed} without it`, fix: `type the line without it: ${field}: ${trimmed}` };
}
