/**
 * A run of 32 hex digits or more, not within a longer word: the names the store and the send ledger give an address
 * are such runs of a plain SHA-256 of it (subscriberId's 40 digits, a record's folder; recipientId's 32, a ledger's),
 * which a dictionary of likely addresses finds again. Other hashes that long are hidden too (an ETag, MD5's 32 digits;
 * a SHA-256 of a file's bytes), which no error these functions log quotes; a run's id, S3's and Lambda's request ids
 * and a trace id hold no such run, and stay.
 */
const HASH_RUN = /(?<![\p{L}\p{N}_])[0-9a-f]{32,}(?![\p{L}\p{N}_])/giu;

/**
 * `text` with every run of hex digits long enough to be an address's hash replaced by `<hash>`, for a log line: a
 * storage error names the key it failed on (`cannot get s3://…/_subscribers/<id>/0000000001.json`), and S3's
 * AccessDenied quotes it again in the resource's ARN.
 */
export function withoutAddressHashes(text: string): string {
  return text.replace(HASH_RUN, '<hash>');
}
