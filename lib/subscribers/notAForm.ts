import { MIMEType } from 'node:util';

/** The media type of the forms (HTML's default enctype), the one body the handler reads. */
export const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * What a POST's body is, in the 415 page's words, unless it is a form the subscription handler reads: FORM_TYPE (RFC 9110 §8.3.1:
 * its type and parameter names are case-insensitive) in UTF-8, the charset of every page here (WHATWG URL,
 * "application/x-www-form-urlencoded parsing", decodes the percent-escapes as UTF-8). A body with no type at all is
 * not taken for a form (RFC 9110 §8.3: the recipient may take it for application/octet-stream); an empty one with
 * none holds nothing to read.
 */
export function notAForm(request: { contentType?: string | undefined; body: string }): string | undefined {
  if (request.contentType === undefined) return request.body === '' ? undefined : 'a body of no type';
  let type: MIMEType;
  try {
    type = new MIMEType(request.contentType);
  } catch {
    return request.contentType.trim().slice(0, 100) || 'an empty type';
  }
  if (type.essence !== FORM_TYPE) return type.essence.slice(0, 100);
  const charset = type.params.get('charset');
  return charset === null || encodingOf(charset) === 'utf-8' ? undefined : `${FORM_TYPE} in ${charset.slice(0, 40)}`;
}

/** The encoding a charset label names (WHATWG Encoding: `utf8` and `UTF-8` alike are UTF-8), or undefined for none. */
function encodingOf(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}
