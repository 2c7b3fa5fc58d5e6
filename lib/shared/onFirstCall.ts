/** A value made by the first call of the function returned, and kept: `loaded` tells whether it has been made. */
export interface OnFirstCall<T> {
  (): T;
  readonly loaded: boolean;
}

/**
 * `load`'s value, made when first asked for rather than when the module asking is: a library whose module does
 * much work as it is evaluated (css-tree builds its lexer) then costs nothing to a command that never needs it.
 * `load` loads the library with the free `require` where there is one, which a bundler (esbuild: the CLI's bundle,
 * the functions') bundles as a module it evaluates only when that call runs; Node's own ES modules have no `require`,
 * so there `load` uses one made by createRequire (Node ≥ 20.19 loads an ES module so too).
 */
export function onFirstCall<T>(load: () => T): OnFirstCall<T> {
  let made: { value: T } | undefined;
  const get = () => (made ??= { value: load() }).value;
  return Object.defineProperty(get, 'loaded', { get: () => made !== undefined }) as OnFirstCall<T>;
}
