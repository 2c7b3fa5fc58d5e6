import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../functions/logger.js';
import type { TriggerServices } from '../../../../functions/http/router.js';
import { runsRoute } from '../../../../functions/routes/runsRoute.js';
import { MemoryStore } from '../../../../lib/store/memoryStore.js';

// GET /runs over an empty record store: what matters here is which ?limit= the route takes.
const services = { config: { publishFunctionName: 'p', digestFunctionName: 'd', tokenParameter: '/t' }, lambda: {} as never, logger: createLogger('broadsheet-test'), runs: new MemoryStore() } as unknown as TriggerServices;
const get = (query: string) => runsRoute.handle({ body: {}, requestId: 'r', path: '/runs', query: new URLSearchParams(query) }, services);

describe('GET /runs?limit=', () => {
  it('takes one whole number from 1 to 100 in digits, or none (20)', async () => {
    for (const query of ['', 'limit=1', 'limit=20', 'limit=100', 'limit=007']) expect((await get(query)).statusCode, query).toBe(200);
  });

  it('refuses a repeated limit, and one that is not digits, with 400', async () => {
    for (const query of ['limit=1&limit=500', 'limit=5&limit=5', 'limit=0x10', 'limit=1e1', 'limit=+5', 'limit=%205', 'limit=5.0', 'limit=', 'limit=0', 'limit=101', 'limit=1000']) {
      const response = await get(query);
      expect(response.statusCode, query).toBe(400);
      expect(JSON.parse(response.body!).error, query).toBe('limit must be one whole number from 1 to 100, in digits');
    }
  });
});
