export function paramProblems(params: { answerFloorMs?: unknown; signupsPerHour?: unknown; digestTimezone?: unknown; sesContactList?: unknown }): Promise<string[]>;
export default class ParamChecks {
  constructor(serverless: unknown);
  hooks: Record<string, () => Promise<void>>;
}
