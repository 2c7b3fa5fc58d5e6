import { domainToUnicode } from 'node:url';

/**
 * An address as a page shows it to its owner: an internationalized domain in its U-labels (`user@bücher.example`,
 * RFC 5890 §2.3.2.1), as typed, where the record and the mail keep the A-labels (`xn--bcher-kva`) SMTP needs.
 */
export function shownAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0 || !address.includes('xn--', at)) return address;
  // An A-label that is not valid punycode gives '': the address is shown as kept.
  const domain = domainToUnicode(address.slice(at + 1));
  return domain === '' ? address : `${address.slice(0, at + 1)}${domain}`;
}
