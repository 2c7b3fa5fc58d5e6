export function paramProblems(
  params: { answerFloorMs?: unknown; signupsPerHour?: unknown; digestTimezone?: unknown; sesIdentity?: unknown; sesContactList?: unknown; sesConfigurationSet?: unknown; tokenParameter?: unknown; subscribeSecretParameter?: unknown; originSecretParameter?: unknown; smtpUrlParameter?: unknown; skipInvalid?: unknown; siteUrl?: unknown; invalidateCdn?: unknown; priceClass?: unknown; contentVersionDays?: unknown; siteVersionDays?: unknown; digestBatchReceives?: unknown; alertEmail?: unknown; contentBucket?: unknown; siteBucket?: unknown },
  rules?: { bucketName?: { pattern: string; minLength: number; maxLength: number } },
): Promise<string[]>;
export default class ParamChecks {
  constructor(serverless: unknown);
  hooks: Record<string, () => Promise<void>>;
}
