/** The URL schemes the sanitiser keeps in a link's address (sanitizeHtml's allowedSchemes). */
export const LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];
/** The URL schemes the sanitiser keeps in an image's address; without one the image is dropped with its alt. */
export const IMAGE_SCHEMES: readonly string[] = ['http', 'https'];

/**
 * Whether the sanitiser drops an address (`image`: an img's src, else a link's href), as the WHATWG URL parser reads it
 * against the site's URL: one it cannot parse, or of a scheme the sanitiser refuses (`javascript:`, `data:`).
 */
export function refusedAddress(address: string, image: boolean): boolean {
  try {
    return !(image ? IMAGE_SCHEMES : LINK_SCHEMES).includes(new URL(address.trim(), 'https://base.invalid/').protocol.slice(0, -1));
  } catch {
    return true;
  }
}
