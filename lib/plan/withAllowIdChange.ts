/** The commands that take --allow-id-change and report an id change as a problem without it. */
export type AllowingCommand = 'publish' | 'check';

/** How a fix names the flag: a check's problem foretells publish's, so it names both commands. */
export function withAllowIdChange(by: AllowingCommand): string {
  return by === 'check' ? 'publish (or check) with --allow-id-change' : 'publish with --allow-id-change';
}
