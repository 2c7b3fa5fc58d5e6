/** The hash a manifest gives a file whose bytes are not known (being written, or changed by someone else): it matches no built file. */
export const UNKNOWN_SHA256 = 'unknown';
