import type { Route } from '../http/router.js';
import { digestRoute } from './digestRoute.js';
import { publishRoute } from './publishRoute.js';
import { runRoute, runsRoute } from './runsRoute.js';

/**
 * The trigger's endpoints. To add one, write functions/routes/<name>Route.ts exporting a Route
 * ({method, path, handle}) and list it here; every route gets the bearer-token check, 404/405 and
 * JSON body parsing from functions/http/router.ts.
 */
export const ROUTES: readonly Route[] = [
  publishRoute,
  digestRoute,
  runsRoute,
  runRoute,
];
