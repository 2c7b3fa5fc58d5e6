/**
 * The object tag of a pending record (a signup nobody has confirmed yet): on S3 a lifecycle rule (serverless.yml,
 * ExpireUnconfirmedSignups) deletes such an object some days after it was written, once its confirm link has expired.
 * Each write is a new object, so a record written again as confirmed, unsubscribed or suppressed is untagged and kept.
 */
export const PENDING_TAGS: Readonly<Record<string, string>> = { status: 'pending' };
