import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { BoundedCache } from './boundedCache.js';

/**
 * Makes a path segment of lowercase `[a-z0-9-]` from any Unicode text.
 * Latin letters lose their accents; other scripts become IDNA punycode words (`북한` → `xn--pr3b894b`),
 * so distinct non-Latin tags keep distinct, readable-enough slugs. Never empty, never `.` or `..`.
 */
export function slugify(text: string): string {
  // A site has few distinct tags and many entries carrying them: each is slugged once.
  return slugCache.get(text, computeSlug);
}

const slugCache = new BoundedCache<string, string>(10_000);

/** The longest slug: a path segment readers can still read and a file name every disk takes. */
export const SLUG_MAX_CHARS = 80;

function computeSlug(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const parts: string[] = [];
  for (const word of words) {
    if (/^[a-z0-9]+$/.test(word)) {
      parts.push(word);
      continue;
    }
    const ascii = domainToASCII(word);
    if (/^[a-z0-9-]+$/.test(ascii)) parts.push(ascii);
    else parts.push(`u${createHash('sha256').update(word).digest('hex').slice(0, 10)}`);
  }
  // Parts never start or end with '-', so joining cannot double a hyphen; punycode keeps its own `xn--`.
  const slug = parts.join('-').slice(0, SLUG_MAX_CHARS).replace(/-+$/, '');
  return slug || `tag-${createHash('sha256').update(text).digest('hex').slice(0, 10)}`;
}
