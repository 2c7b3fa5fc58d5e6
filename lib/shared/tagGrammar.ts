// RFC 4151 §2.1, the tagging entity of a `tag:` URI: `authorityName "," date`, with
//   DNSname = DNScomp *( "." DNScomp ),  DNScomp = alphaNum [*(alphaNum / "-") alphaNum]
//   date    = year ["-" month ["-" day]],  year = 4DIGIT, month = 2DIGIT, day = 2DIGIT
// Anything else gives ids the W3C feed validator reports as "not a valid TAG".
const DNS_COMP = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const DNS_NAME = new RegExp(`^${DNS_COMP}(?:\\.${DNS_COMP})*$`);
const IPV4 = /^\d+(?:\.\d+){3}$/;

/**
 * True when a URL's hostname can be a tag URI's authority: a DNS name (an IDN host is already its `xn--` form,
 * which is plain letters, digits and hyphens). An IPv4 address fits the grammar but names no domain anyone holds,
 * so it is refused too; an IPv6 literal, `_` or a trailing dot do not fit it.
 */
export function isTagAuthority(host: string): boolean {
  return DNS_NAME.test(host) && !IPV4.test(host);
}

/** True for an RFC 4151 date that is a real calendar date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, in the years 1000-9999. */
export function isTagDate(date: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < 1000) return false;
  if (match[2] === undefined) return true;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return false;
  if (match[3] === undefined) return true;
  const day = Number(match[3]);
  // Day 0 of the next month is the last day of this one (UTC, so no zone shifts it).
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// RFC 4151 §2.1: tagURI = "tag:" taggingEntity ":" specific, taggingEntity = authorityName "," date.
const TAG_URI = /^tag:([^,:]+),([^:]+):/;

/** A `tag:` id's tagging entity (its host and date, as written) and its specific part; undefined for any other id. */
export function tagUriParts(id: string): { host: string; date: string; specific: string } | undefined {
  const match = TAG_URI.exec(id);
  if (!match) return undefined;
  return { host: match[1]!, date: match[2]!, specific: id.slice(match[0].length) };
}
