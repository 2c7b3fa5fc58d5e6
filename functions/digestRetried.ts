/**
 * What becomes of a digest run one of whose requests (S3's or SQS's) is refused for its time, in the one wording
 * both refusals end with, so that a search of the logs for it finds either: its retry queues the week, or sends it
 * here (a deployment without the fan-out queue).
 */
export function digestRetried(queued: boolean): string {
  return `the run fails, recorded, and a retry archives and ${queued ? 'queues' : 'sends'} the week again (the send ledger sends each mailbox once)`;
}
