import { contentFolder, entry, entryText, SITE } from './content.js';

/** A content folder with one entry, Known, from 38 North (its source a name and a url): the site `broadsheet new` writes into. */
export function knownEntrySite(): Promise<string> {
  return contentFolder({
    site: SITE,
    entries: {
      '2014/known.md': entryText(entry({ title: 'Known', url: 'https://www.38north.org/2014/05/known/', source: { name: '38 North', url: 'https://www.38north.org/' } })),
    },
  });
}
