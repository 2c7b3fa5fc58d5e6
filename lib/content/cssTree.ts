import { createRequire } from 'node:module';
import type * as CssTree from 'css-tree';
import { onFirstCall } from '../shared/onFirstCall.js';

/**
 * css-tree: a CSS parser, and a lexer matching values against the specs' grammars; loaded on the first call, as only
 * a body holding a style attribute or a style sheet needs it. The package's single-file build: its own entry loads
 * its grammars from many modules and JSON files.
 */
export const cssTree = onFirstCall(
  () => (typeof require === 'function' ? require('css-tree/dist/csstree.esm') : createRequire(import.meta.url)('css-tree/dist/csstree.esm')) as typeof CssTree,
);
