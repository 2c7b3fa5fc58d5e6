/**
 * An osls plugin (serverless.yml's plugins) that refuses, on every path that ships code or config (`osls package`,
 * `osls deploy`, which packages first, and `osls deploy function`), a param its functions would refuse only once
 * deployed: a subscribe function whose ANSWER_FLOOR_MS it cannot read answers every request 503, and a digest
 * schedule in a zone EventBridge does not know fails the deploy late or never fires. Plain JavaScript, since osls
 * loads it before any build; the rules are the functions' own (functions/subscribeConfig.ts,
 * lib/time/isValidZone.ts), held to them by tests/unit/functions/paramChecks.test.ts.
 */

/** ANSWER_FLOOR_MS's bounds, in ms: functions/subscribeConfig.ts reads the same. */
const ANSWER_FLOOR = { min: 0, max: 5_000 };

/**
 * The hooks osls runs before a command builds or sends anything: `package` (which `deploy` spawns unless given
 * `--package`) and `deploy function`, whose first step already asks AWS for the function.
 */
const BEFORE_SHIPPING = { 'before:package:initialize': 'packaged', 'before:deploy:function:initialize': 'deployed' };

/**
 * The problems of the params as the functions receive them, one line each naming the param and its fix.
 * @param {{ answerFloorMs?: unknown, digestTimezone?: unknown }} params
 * @returns {string[]}
 */
export function paramProblems(params) {
  const problems = [];
  if (params.answerFloorMs !== undefined) {
    const value = String(params.answerFloorMs).trim();
    const parsed = Number(value);
    // Empty is the function's default, as functions/config.ts reads it.
    if (value !== '' && (!Number.isInteger(parsed) || parsed < ANSWER_FLOOR.min || parsed > ANSWER_FLOOR.max)) {
      problems.push(`--param answerFloorMs=${params.answerFloorMs} is not a whole number of ms from ${ANSWER_FLOOR.min} to ${ANSWER_FLOOR.max}: the subscribe function would answer every request 503 (give e.g. --param answerFloorMs=1500, the default)`);
    }
  }
  if (params.digestTimezone !== undefined && !knownZone(String(params.digestTimezone))) {
    problems.push(`--param digestTimezone=${params.digestTimezone} is not a time zone (an IANA name such as Europe/Riga or Asia/Seoul; the same as site.yml's timezone)`);
  }
  return problems;
}

/** Whether Intl knows the zone, as lib/time/isValidZone.ts asks it. */
function knownZone(zone) {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export default class ParamChecks {
  constructor(serverless) {
    const check = (nothingWas) => {
      const functions = serverless.service.functions ?? {};
      const schedule = (functions.digest?.events ?? []).find((event) => event.schedule)?.schedule;
      const problems = paramProblems({ answerFloorMs: functions.subscribe?.environment?.ANSWER_FLOOR_MS, digestTimezone: schedule?.timezone });
      if (problems.length > 0) throw new serverless.classes.Error(`Nothing was ${nothingWas}:\n${problems.join('\n')}`);
    };
    this.hooks = Object.fromEntries(Object.entries(BEFORE_SHIPPING).map(([hook, nothingWas]) => [hook, () => check(nothingWas)]));
  }
}
