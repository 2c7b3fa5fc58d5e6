import { parseMailbox } from '../shared/mailbox.js';

export type AuthorEmail = { ok: true; address: string } | { ok: false; reason: string };

/**
 * site.yml's `author.email`, as every Atom feed carries it in `<author><email>`: RFC 4287 §3.2.3 makes that an RFC 2822
 * addr-spec, so ASCII only. One address alone (no name, no `<…>`), its part before "@" in ASCII; a domain in another
 * script is written in its IDNA (`xn--`) form, the same domain. The rest is lib/shared/mailbox.ts's rule for an address.
 */
export function authorEmail(text: string): AuthorEmail {
  const trimmed = text.trim();
  if (/[^\x00-\x7f]/.test(trimmed.slice(0, Math.max(0, trimmed.lastIndexOf('@'))))) {
    return { ok: false, reason: 'the part before "@" is not ASCII, and an Atom <email> is an RFC 2822 address, ASCII only (RFC 4287 §3.2.3)' };
  }
  const parsed = parseMailbox(trimmed);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  if (trimmed.includes('<')) return { ok: false, reason: 'it must be the address alone, without a name or "<…>"' };
  return { ok: true, address: parsed.mailbox.address };
}
