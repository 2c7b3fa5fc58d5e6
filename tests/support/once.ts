/**
 * `make` run once, on first use, its promise shared: several tests of a file assert their own part of one CLI run
 * over a fixture that holds all their cases. A test run alone (`-t`) still makes it.
 */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
