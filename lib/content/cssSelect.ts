import { createRequire } from 'node:module';
import type * as CssSelect from 'css-select';
import { onFirstCall } from '../shared/onFirstCall.js';

/** css-select, which matches a style sheet's selectors against a body's elements; loaded on the first call, as only a body holding a style sheet needs it. */
export const cssSelect = onFirstCall(() => (typeof require === 'function' ? require('css-select') : createRequire(import.meta.url)('css-select')) as typeof CssSelect);
