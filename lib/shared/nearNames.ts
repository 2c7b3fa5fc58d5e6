import { nearestName, plainName } from './nearestName.js';

/**
 * nearestName against one list of names asked about many typed ones, each question costing what the typed name's
 * length does, not the list's. Each name is filed under every form left by deleting up to two of its letters
 * (symmetric delete): a name within two slips of the typed one (a letter left out, added, changed, or two swapped)
 * shares a form with it, so only the names sharing one are compared, and the answer is nearestName's over them all.
 */
export class NearNames {
  private readonly byForm = new Map<string, string[]>();

  constructor(names: Iterable<string>) {
    for (const name of names) {
      for (const form of deletions(plainName(name))) {
        const filed = this.byForm.get(form);
        if (filed) filed.push(name);
        else this.byForm.set(form, [name]);
      }
    }
  }

  nearest(typed: string): string | undefined {
    const candidates = new Set<string>();
    for (const form of deletions(plainName(typed))) for (const name of this.byForm.get(form) ?? []) candidates.add(name);
    return candidates.size === 0 ? undefined : nearestName(typed, [...candidates]);
  }
}

/** `word` and every form of it with one or two letters (UTF-16 units, as nearestName counts them) deleted. */
function deletions(word: string): Set<string> {
  const forms = new Set([word]);
  for (let i = 0; i < word.length; i++) {
    const once = word.slice(0, i) + word.slice(i + 1);
    forms.add(once);
    for (let j = i; j < once.length; j++) forms.add(once.slice(0, j) + once.slice(j + 1));
  }
  return forms;
}
