// css-tree's single-file build: the package's own entry loads its grammars from many modules and JSON files, a cost
// at start-up that every command that reads content would pay.
// @ts-expect-error: the build has no declarations of its own; it exports what the package's entry does (typed below).
import * as bundled from 'css-tree/dist/csstree.esm';
import type * as CssTree from 'css-tree';

/** css-tree: a CSS parser, and a lexer matching values against the specs' grammars. */
export const cssTree = bundled as typeof CssTree;
