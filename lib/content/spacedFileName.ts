import type { Problem } from '../shared/errors.js';

/** A path segment, with its `.md` apart, without spaces at its ends; undefined if nothing else is left. */
function trimmedSegment(segment: string): string | undefined {
  const extension = segment.endsWith('.md') ? '.md' : '';
  const stem = segment.slice(0, segment.length - extension.length).trim();
  return stem === '' ? undefined : stem + extension;
}

// A name after a `/` that starts with white space (as trim reads it: \s), ends with it (before a `.md`), or is empty:
// every path trimmedSegment would change has one, and most have none, so most keys are not split.
const MAY_HAVE_SPACED_NAME = /\/\s|\s(?:\.md)?(?:\/|$)|\/(?:\.md)?(?:\/|$)/;

/**
 * The warning for an entry whose path, its permanent id, has a folder or file name that starts or ends with a space
 * (`a .md`): the id keeps it (`2014/a `), every feed publishes it as `%20`, no reader can see it, and a copy named
 * without it (`a.md`) would be another entry. `named`: the entry gives its own id:. `published`: whether the id is
 * published already, and so stays.
 */
export function spacedFileNameWarning(key: string, id: string, named: boolean, published: () => boolean): Problem | undefined {
  if (named || !MAY_HAVE_SPACED_NAME.test(key)) return undefined;
  const segments = key.split('/');
  const at = segments.findIndex((segment, index) => index > 0 && trimmedSegment(segment) !== segment);
  if (at < 0) return undefined;
  const trimmed = segments.map((segment, index) => (index > 0 ? trimmedSegment(segment) : segment));
  const renamed = trimmed.every((segment) => segment !== undefined) ? trimmed.join('/') : undefined;
  const what = at === segments.length - 1 ? 'the file name' : `the folder name ${JSON.stringify(segments[at])}`;
  return {
    file: key,
    field: 'file',
    message: `${what} starts or ends with a space, and the entry's permanent id is its path: every feed would publish the id ${JSON.stringify(id)} with the space (as %20), which readers cannot see, and a copy named without it would be another entry`,
    fix: published()
      ? `keep the name, as the entry is published under this id, and add id: ${JSON.stringify(id)} so that no rename changes it`
      : renamed === undefined
        ? 'rename it with letters, digits and hyphens, without spaces at its ends'
        : `rename it: ${renamed}, without the space`,
  };
}
