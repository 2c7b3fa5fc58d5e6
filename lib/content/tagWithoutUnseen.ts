import { UNSEEN_BETWEEN } from '../shared/invisible.js';

const UNSEEN = new RegExp(`[${UNSEEN_BETWEEN}]`);
const UNSEEN_ALL = new RegExp(UNSEEN, 'g');

/**
 * A tag as readers see it, without the invisible characters that change nothing beside them (UNSEEN_BETWEEN), and
 * which of them it held: kept, `Tra\u00ADde` would be a tag of its own (`tags/tra-de/`, as slugify splits words at
 * them) that reads as `Trade`.
 */
export function tagWithoutUnseen(name: string): { name: string; dropped: string[] } {
  if (!UNSEEN.test(name)) return { name, dropped: [] };
  return { name: name.replace(UNSEEN_ALL, '').trim().normalize('NFC'), dropped: [...new Set(name.match(UNSEEN_ALL))] };
}
