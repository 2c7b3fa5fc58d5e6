import { createRequire } from 'node:module';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import ParamChecks, { paramProblems } from '../../../scripts/paramChecks.mjs';
import { readSubscribeConfig } from '../../../functions/subscribeConfig.js';
import { isValidZone } from '../../../lib/time/isValidZone.js';
import { parseSite } from '../../../lib/content/site.js';
import { SITE } from '../../support/content.js';

const ENV = { CONTENT_BUCKET: 'content-bucket', SITE_BUCKET: 'site-bucket', SECRET_PARAMETER: '/b/secret', ORIGIN_SECRET_PARAMETER: '/b/origin' };
const functionRefuses = (value: string, variable = 'ANSWER_FLOOR_MS') => {
  try {
    readSubscribeConfig({ ...ENV, [variable]: value });
    return false;
  } catch {
    return true;
  }
};

describe('the params checked when the stack is packaged', () => {
  it('refuses an answerFloorMs exactly when the subscribe function would, naming the param and its default', async () => {
    for (const value of ['-1', '0', '1500', '5000', '5001', '9000', '1.5', 'soon', '']) {
      expect((await paramProblems({ answerFloorMs: value })).length > 0, value).toBe(functionRefuses(value));
    }
    expect(await paramProblems({ answerFloorMs: '9000' })).toEqual([expect.stringMatching(/^--param answerFloorMs=9000 is not a whole number of ms from 0 to 5000: .*--param answerFloorMs=1500/)]);
  });

  it('refuses a signupsPerHour exactly when the subscribe function would, naming the param and its default', async () => {
    for (const value of ['-1', '0', '1', '100', '99999', '100000', '2.5', 'many', ' 600 ', '']) {
      expect((await paramProblems({ signupsPerHour: value })).length > 0, value).toBe(functionRefuses(value, 'SIGNUPS_PER_HOUR'));
    }
    expect(await paramProblems({ signupsPerHour: '0' })).toEqual(['--param signupsPerHour=0 is not a whole number from 1 to 99999: the subscribe function would answer every request 503 (give e.g. --param signupsPerHour=100, the default)']);
  });

  it('refuses a digestTimezone that site.yml would refuse as a timezone', async () => {
    for (const zone of ['Europe/Rigaa', 'Seoul', 'Asia/']) {
      expect(isValidZone(zone), zone).toBe(false);
      expect(await paramProblems({ digestTimezone: zone }), zone).toEqual([expect.stringContaining(`--param digestTimezone=${zone} is not a time zone`)]);
    }
  });

  it('refuses a digestTimezone not spelled as the IANA name site.yml’s timezone is read as, giving that name', async () => {
    // Other cases of a name, and the tz database's links (its `backward` file: GB, US/Eastern; UTC for GMT).
    // A current name ICU calls by an old one is given in IANA's capitals, not as ICU's old name (asia/kolkata, not Asia/Calcutta).
    const spellings = { 'asia/seoul': 'Asia/Seoul', 'ASIA/SEOUL': 'Asia/Seoul', 'Asia/SEOUL': 'Asia/Seoul', utc: 'UTC', GMT: 'UTC', GB: 'Europe/London', 'US/Eastern': 'America/New_York', 'asia/kolkata': 'Asia/Kolkata', 'EUROPE/KYIV': 'Europe/Kyiv' };
    for (const [zone, name] of Object.entries(spellings)) {
      expect(parseSite(dump({ ...SITE, timezone: zone })).site?.timezone, zone).toBe(name);
      expect(await paramProblems({ digestTimezone: zone }), zone).toEqual([`--param digestTimezone=${zone} is not spelled as the zone's IANA name, which EventBridge Scheduler is given and site.yml's timezone is read as (give --param digestTimezone=${name})`]);
    }
    // IANA names as written, old ones too (README: kept as written): UTC both ways, a current name ICU calls by its
    // old one (Asia/Kolkata, ICU's Asia/Calcutta), and old names.
    for (const zone of ['Asia/Seoul', 'Europe/Riga', 'UTC', 'Etc/UTC', 'Etc/GMT+5', 'Asia/Kolkata', 'Australia/ACT', 'Asia/Katmandu']) {
      expect(await paramProblems({ digestTimezone: zone }), zone).toEqual([]);
    }
  });

  it('has nothing to say of the defaults', async () => {
    expect(await paramProblems({ answerFloorMs: 1500, signupsPerHour: 100, digestTimezone: 'Asia/Seoul' })).toEqual([]);
  });
});

// osls's own plugin manager and the plugins that declare `package`, `deploy` and `deploy function` with their
// lifecycle events, run offline: a probe stands in for every step of every command (the build, the upload, AWS).
const oslsRequire = createRequire(import.meta.url);
const PluginManager = oslsRequire('osls/lib/classes/plugin-manager.js');
const Package = oslsRequire('osls/lib/plugins/package/package.js');
const Deploy = oslsRequire('osls/lib/plugins/deploy.js');
const ServerlessError = oslsRequire('osls/lib/serverless-error.js');

interface Command {
  key: string;
  lifecycleEvents?: string[];
  commands?: Record<string, Command>;
}

/** Runs an osls command's lifecycle with the service's params; answers with the steps reached and the error. */
async function runLifecycle(command: string[], params: { answerFloorMs: string; signupsPerHour: string; digestTimezone: string }): Promise<{ reached: string[]; events: string[]; error?: Error }> {
  const serverless = {
    service: {
      provider: { name: 'aws' },
      package: {},
      // serverless.yml's shape, where the plugin reads the params (tests/e2e/serverlessPackage.test.ts packages the real one).
      functions: { subscribe: { environment: { ANSWER_FLOOR_MS: params.answerFloorMs, SIGNUPS_PER_HOUR: params.signupsPerHour } }, digest: { events: [{ schedule: { timezone: params.digestTimezone } }] } },
    },
    classes: { Error: ServerlessError },
    configurationInput: {},
    getProvider: () => ({}),
    pluginManager: undefined as unknown,
  };
  const manager = new PluginManager(serverless);
  serverless.pluginManager = manager;
  // osls's commands and the hook `deploy` spawns `package` with; packaging itself is the probe's.
  manager.addPlugin(
    class PackageCommands extends Package {
      constructor(...args: unknown[]) {
        super(...args);
        this.hooks = {};
      }
    },
  );
  manager.addPlugin(Deploy);
  manager.addPlugin(ParamChecks);
  const reached: string[] = [];
  const everyEvent = (commands: Record<string, Command>): string[] => Object.values(commands).flatMap((c) => [...(c.lifecycleEvents ?? []).map((event) => `${c.key}:${event}`), ...everyEvent(c.commands ?? {})]);
  const events = everyEvent(manager.commands);
  manager.addPlugin(
    class Probe {
      hooks = Object.fromEntries(events.map((event) => [event, () => reached.push(event)]));
    },
  );
  const ran = manager.getCommand(command) as Command;
  const own = (ran.lifecycleEvents ?? []).map((event) => `${ran.key}:${event}`);
  try {
    await manager.invoke(command);
    return { reached, events: own };
  } catch (error) {
    return { reached, events: own, error: error as Error };
  }
}

describe('the params are checked on every osls command that ships code or config', () => {
  const BAD = { answerFloorMs: '9000', signupsPerHour: '0', digestTimezone: 'Europe/Rigaa' };
  const GOOD = { answerFloorMs: '1500', signupsPerHour: '100', digestTimezone: 'Asia/Seoul' };

  for (const [command, nothingWas] of [[['package'], 'packaged'], [['deploy'], 'packaged'], [['deploy', 'function'], 'deployed']] as const) {
    it(`osls ${command.join(' ')}: refused before anything is built or sent`, async () => {
      const bad = await runLifecycle([...command], BAD);
      expect(bad.error).toBeInstanceOf(ServerlessError);
      expect(bad.error!.message).toMatch(new RegExp(`^Nothing was ${nothingWas}:\\n--param answerFloorMs=9000 .*\\n--param signupsPerHour=0 .*\\n--param digestTimezone=Europe/Rigaa is not a time zone`));
      // Only osls's `package:cleanup` (emptying .serverless/) comes before `package:initialize`; `deploy function`'s
      // first step asks AWS for the function.
      expect(bad.reached).toEqual(command[0] === 'package' || command.length === 1 ? ['package:cleanup'] : []);

      const good = await runLifecycle([...command], GOOD);
      expect(good.error).toBeUndefined();
      expect(good.events.length).toBeGreaterThan(0);
      expect(good.reached).toEqual(expect.arrayContaining(good.events));
    });
  }
});
