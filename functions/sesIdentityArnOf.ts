import type { DigestConfig } from '../lib/content/digestConfig.js';
import { ConfigError } from '../lib/shared/errors.js';
import { parseMailbox } from '../lib/shared/mailbox.js';

/**
 * The SES identity ARN a deployed function sends the digest (or a confirmation) as: the stack's (SES_IDENTITY_ARN, the
 * sesIdentity param), the one identity its role may send as. Refused, before anything is archived or sent, when site.yml's
 * `digest.ses.identity` names another, or when the identity does not cover `from`, the address the message is sent from
 * (`digest.from`, or the one a confirmation falls back to without it): SES would refuse every message. A domain
 * identity covers its addresses and its subdomains' (SES, "Creating and verifying identities"); an address identity
 * covers that address only. Refused too when the address as sent (its domain lowercased) matches the identity only in
 * other letter case: SES would take it, but the roles' ses:FromAddress condition is case-sensitive (serverless.yml).
 * Without a stack ARN (a run outside a deployment) nothing is checked.
 */
export function sesIdentityArnOf(digest: DigestConfig, stackArn: string | undefined, from: string | undefined = digest.from): string | undefined {
  if (stackArn === undefined) return undefined;
  const stack = stackArn.slice(stackArn.indexOf(':identity/') + ':identity/'.length);
  const named = digest.ses.identity;
  if (named !== undefined && named.toLowerCase() !== stack.toLowerCase()) {
    throw new ConfigError(`site.yml: digest.ses.identity is "${named}", but this deployment sends as "${stack}" (SES_IDENTITY_ARN, the sesIdentity param), and SES would refuse every message (deploy with --param sesIdentity=${named}, or write identity: ${stack})`);
  }
  const parsed = from === undefined ? undefined : parseMailbox(from);
  if (!parsed?.ok) return stackArn;
  // Without digest.from, the address is the fallback, which site.yml does not show.
  const sender = digest.from === undefined ? `site.yml: digest.from is missing, so messages are sent from ${parsed.mailbox.address}` : `site.yml: digest.from is ${parsed.mailbox.address}`;
  if (!covers(stack.toLowerCase(), parsed.mailbox.key)) {
    const domain = parsed.mailbox.address.slice(parsed.mailbox.address.lastIndexOf('@') + 1);
    const instead = stack.includes('@') ? `write from: with the address ${stack}` : `write from: with an address at ${stack}`;
    throw new ConfigError(`${sender}, which the identity "${stack}" this deployment sends as (SES_IDENTITY_ARN, the sesIdentity param) does not cover, and SES would refuse every message (deploy with --param sesIdentity=${domain}, a domain verified in SES, or ${instead})`);
  }
  // The roles' ses:FromAddress condition compares case-sensitively (IAM StringLike) with the address as sent, its domain
  // lowercased (asciiMailbox): SES takes it, IAM refuses every send.
  if (!covers(stack, parsed.mailbox.address)) {
    const lower = stack.toLowerCase();
    const fix = stack === lower ? `write from: in lower case, ${parsed.mailbox.key}` : `deploy with --param sesIdentity=${lower}, in lower case as the From's domain is sent`;
    throw new ConfigError(`${sender} (as sent: the domain lowercased), which the identity "${stack}" this deployment sends as (SES_IDENTITY_ARN, the sesIdentity param) covers only in other letter case; the role's ses:FromAddress condition compares case-sensitively, and every send would be AccessDenied (${fix})`);
  }
  return stackArn;
}

/**
 * Whether the identity (a domain, or an address) covers the address, letter case compared as given: both lowercased
 * for SES, as written for the roles' ses:FromAddress patterns (serverless.yml: the identity, `*@identity`,
 * `*@*.identity`), which StringLike matches case-sensitively (IAM User Guide, "IAM JSON policy elements: Condition operators").
 */
function covers(identity: string, address: string): boolean {
  if (identity.includes('@')) return address === identity;
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return domain === identity || domain.endsWith(`.${identity}`);
}
