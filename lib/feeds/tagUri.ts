import { RenderError } from '../shared/errors.js';
import { isTagAuthority, isTagDate } from '../shared/tagGrammar.js';

// RFC 4151 §2.1: specific = *( pchar / "/" / "?" ); '&', '?', '#' and '%' are percent-encoded too, to keep ids plain.
const SPECIFIC_ALLOWED = /[A-Za-z0-9\-._~!$'()*+,;=:@/]/;

function encodeSpecific(id: string): string {
  let out = '';
  for (const char of id) {
    out += SPECIFIC_ALLOWED.test(char)
      ? char
      : [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

/** The last tagging entity found valid. */
let checkedEntity: { host: string; idDate: string } | undefined;

/**
 * The permanent id of an entry (RFC 4151): `tag:HOST,DATE:ID`. It depends only on the site host,
 * the site's fixed `idDate` and the entry id, so editing an entry never changes it.
 */
export function tagUri(host: string, idDate: string, entryId: string): string {
  // RFC 4151 §2.1 taggingEntity = DNSname "," date; parseSite refuses a site.yml that breaks it, so this is a guard,
  // checked once for a site's entity, not again for each of its entries.
  if (host !== checkedEntity?.host || idDate !== checkedEntity.idDate) {
    if (!isTagAuthority(host) || !isTagDate(idDate)) throw new RenderError(`tag:${host},${idDate} is not an RFC 4151 tagging entity`);
    checkedEntity = { host, idDate };
  }
  const uri = `tag:${host.toLowerCase()},${idDate}:${encodeSpecific(entryId)}`;
  // `feed` passes Atom ids through `new URL()`; refuse any id that would not come out unchanged.
  if (new URL(uri).href !== uri) throw new RenderError(`the id ${uri} would be altered by URL parsing`);
  return uri;
}
