export function paramProblems(params: { answerFloorMs?: unknown; digestTimezone?: unknown }): string[];
export default class ParamChecks {
  constructor(serverless: unknown);
}
