/**
 * Whether `text` names `address` itself, not a longer address ending or starting with it (`ed@…` holds `d@…`): a
 * recipient's refusal read as the sender's would stop every run at that recipient. The bounds are the characters an
 * address may hold (RFC 5322 §3.2.3 atext, and the dots; §3.4.1's domain).
 */
export function namesAddress(text: string, address: string): boolean {
  const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.!#$%&'*+/=?^\`{|}~-])${escaped}(?![\\w-]|\\.[\\w-])`, 'i').test(text);
}
