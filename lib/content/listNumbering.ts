import { htmlInteger } from './htmlInteger.js';

// What the pass writes where a number is known only once a reversed list's items are counted (its start, and an item's
// number counted from it), made the attribute at the end (`numbered`). An author's own is dropped when read.
const START_MARK = 'data-broadsheet-start';
const VALUE_MARK = 'data-broadsheet-value';
// In a start tag as sanitize-html writes it, where neither text nor an attribute value holds a `<` or `>`.
const START_MARKED = /(<ol\b[^<>]*?) data-broadsheet-start="(\d+)"/g;
const VALUE_MARKED = /(<li\b[^<>]*?) data-broadsheet-value="(\d+):(\d+)"/g;

/** The attributes the sanitiser must allow for the numbering, beside `start`, `reversed` and `value`. */
export const NUMBERING_MARKS = { ol: START_MARK, li: VALUE_MARK } as const;

interface OrderedList {
  id: number;
  step: 1 | -1;
  // The next item's number, where known: not in a reversed list without `start` before an item with `value`, whose
  // first number is its count of items (WHATWG HTML §4.4.5).
  next: number | undefined;
  // The items counted so far (those dropped as blank too, not hidden ones, which a browser does not number: CSS Lists
  // 3 §4.5, an element with display: none increments no counter): the next item's index.
  items: number;
  // Whether the item before the next was dropped as blank, so the next kept one needs its number.
  skipped: boolean;
  dropped: boolean;
}

// An item of an ordered list, and what it changed, for a hidden one to give back.
interface Item {
  list: OrderedList;
  next: number | undefined;
  skipped: boolean;
}

export interface ListNumbering {
  /** Before an element's attributes are read (the sanitiser's onOpenTag): reads and writes a list's and an item's. */
  open(name: string, attribs: Record<string, string>): void;
  /** When an element closes (onCloseTag), before it is kept or dropped. */
  close(): void;
  /** The element just closed is dropped: `hidden` when a reader would not have seen it either. */
  dropped(hidden: boolean): void;
  /** The sanitised HTML with each reversed list's start and item numbers written. */
  numbered(html: string): string;
}

/**
 * Keeps the numbers of an ordered list's items true when the sanitiser drops one as blank (an item of an image of a
 * `data:` address alone): the next item kept gets its number as `value` (WHATWG HTML §4.4.8), so "1. 2. 3." with the
 * second dropped reads 1, 3, not 1, 2. A reversed list without `start` whose item is dropped gets its count as `start`.
 * Reads `start` and `value` as a browser does (htmlInteger), writing them as valid integers, or dropping one that is
 * none, and a `value` on an item of no ordered list (the Nu checker refuses both).
 */
export function listNumbering(): ListNumbering {
  // For each open element, the list whose items its child items are: an ordered list, null for a ul, else its parent's.
  const owners: (OrderedList | null)[] = [];
  // For each open element, its Item if it is an ordered list's item.
  const items: (Item | undefined)[] = [];
  let closedItem: Item | undefined;
  // Every ordered list opened, by its id.
  const lists: OrderedList[] = [];
  return {
    open(name, attribs) {
      const owner = owners.at(-1) ?? null;
      delete attribs[START_MARK];
      delete attribs[VALUE_MARK];
      let item: Item | undefined;
      if (name === 'li') {
        const value = attribs.value === undefined || owner === null ? undefined : htmlInteger(attribs.value);
        if (value === undefined) delete attribs.value;
        else attribs.value = String(value);
        if (owner !== null) {
          item = { list: owner, next: owner.next, skipped: owner.skipped };
          const number = value ?? owner.next;
          if (owner.skipped && value === undefined) {
            if (number === undefined) attribs[VALUE_MARK] = `${owner.id}:${owner.items}`;
            else attribs.value = String(number);
          }
          owner.skipped = false;
          owner.next = number === undefined ? undefined : number + owner.step;
          owner.items++;
        }
      }
      items.push(item);
      if (name === 'ol') {
        const start = attribs.start === undefined ? undefined : htmlInteger(attribs.start);
        if (start === undefined) delete attribs.start;
        else attribs.start = String(start);
        const reversed = attribs.reversed !== undefined;
        if (reversed) attribs.reversed = '';
        const list: OrderedList = { id: lists.length, step: reversed ? -1 : 1, next: start ?? (reversed ? undefined : 1), items: 0, skipped: false, dropped: false };
        if (reversed && start === undefined) attribs[START_MARK] = String(list.id);
        lists.push(list);
        owners.push(list);
      } else owners.push(name === 'ul' ? null : owner);
    },
    close() {
      owners.pop();
      closedItem = items.pop();
    },
    dropped(hidden) {
      const item = closedItem;
      if (item === undefined) return;
      if (hidden) {
        item.list.items--;
        item.list.next = item.next;
        item.list.skipped = item.skipped;
      } else {
        item.list.skipped = true;
        item.list.dropped = true;
      }
    },
    numbered(html) {
      if (!html.includes('data-broadsheet-')) return html;
      const count = (id: string) => {
        const list = lists[Number(id)];
        return list?.dropped ? list.items : undefined;
      };
      return html
        .replace(START_MARKED, (_match, tag: string, id: string) => {
          const items = count(id);
          return items === undefined ? tag : `${tag} start="${items}"`;
        })
        .replace(VALUE_MARKED, (_match, tag: string, id: string, index: string) => `${tag} value="${count(id)! - Number(index)}"`);
    },
  };
}
