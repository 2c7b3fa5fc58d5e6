export function paramProblems(params: { answerFloorMs?: unknown; digestTimezone?: unknown }): string[];
export default class ParamChecks {
  constructor(serverless: unknown);
  hooks: Record<string, () => void | Promise<void>>;
}
