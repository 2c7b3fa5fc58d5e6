import { describe, expect, it } from 'vitest';
import { commentCuts } from '../../../lib/content/commentCuts.js';
import { parseEntry } from '../../../lib/content/entry.js';

// YAML 1.2 §6.6: a `#` after white space starts a comment, to the end of the line. After a plain value the editor
// meant as text ("Rason port ranks #1 in trade"), it silently cuts the published text short.
const lines = (yaml: string) => commentCuts(yaml, 'entries/2014/a.md').map((p) => [p.line, p.field, p.message, p.fix]);

describe('a comment that cuts a text value short', () => {
  it('in a title: names the line, the text left out, the text kept and the quoted value to write', () => {
    expect(lines('url: https://x.example/a\ntitle: Rason port ranks #1 in trade\n')).toEqual([
      [2, 'title', '"#1 in trade" is read as a YAML comment (a # after a space) and left out: "Rason port ranks" would be published', 'quote the value: title: "Rason port ranks #1 in trade"'],
    ]);
  });

  it('in a source, a tag written as a list item, a related link\'s title and site.yml\'s description', () => {
    const yaml = 'source: Channel #4 News\ntags:\n  - Trade #export\nrelated:\n  - title: Note #2\n    url: https://x.example/n\ndescription: Watch #1\n';
    expect(lines(yaml).map(([line, field, , fix]) => [line, field, fix])).toEqual([
      [1, 'source', 'quote the value: source: "Channel #4 News"'],
      [3, 'tags', 'quote the value: - "Trade #export"'],
      [5, 'related.title', 'quote the value: title: "Note #2"'],
      [7, 'description', 'quote the value: description: "Watch #1"'],
    ]);
  });

  it('after a tab as after a space (YAML 1.2 §6.6: white space)', () => {
    expect(lines('title: Rason port ranks\t#1 in trade\n').map(([line, field]) => [line, field])).toEqual([[1, 'title']]);
  });

  it('in a flow list: the item to quote, not the list', () => {
    expect(lines('tags: [Trade, Rason #port]\n').map(([, , , fix]) => fix)).toEqual(['put the item that holds the # in double quotes']);
  });

  it('quotes at most a short excerpt of a long value, and asks for the whole in quotes', () => {
    const [problem] = commentCuts(`title: ${'Long '.repeat(30)}#1\n`, 'entries/2014/a.md');
    expect(problem!.message.length).toBeLessThan(200);
    expect(problem!.fix).toBe('put the whole value in double quotes');
  });

  it('not a comment after a quoted value, a flow list closed on its line, a date, a url or an id; nor a # with no space before it', () => {
    const yaml = [
      'title: "Rason #1" # the CMS title',
      "source: 'Channel #4' # kept",
      'tags: [Trade, "Rason #port"] # two',
      'date: 2014-05-08 # from the CMS',
      'url: https://x.example/a#frag',
      'id: kaesong-wages # kept after the rename',
      'imageAlt: C#-style chart',
      '# a note of the editor',
    ].join('\n');
    expect(lines(yaml)).toEqual([]);
  });

  it('not inside a block scalar, whose lines are text, # included', () => {
    expect(lines('summary: >\n  Coal exports rose #3 this quarter.\n  Second line #4.\ntitle: Fine\n')).toEqual([]);
    expect(lines('summary: |-\n  Rose #3.\ntitle: Cut #1\n').map(([line]) => line)).toEqual([4 - 1]);
  });

  it('a value that is all hashtag or number, which YAML reads as nothing: the field named empty, once', () => {
    const yaml = 'title: #1 exporter of coal\ntags: #trade #china\nsummary: #1, says KCNA\n';
    expect(lines(yaml)).toEqual([
      [1, 'title', '"#1 exporter of coal" is read as a YAML comment (a # after a space), so title is empty', 'quote the value: title: "#1 exporter of coal"'],
      [2, 'tags', '"#trade #china" is read as a YAML comment (a # after a space), so tags is empty', 'write the tags without #: tags: [trade, china], or quote each one: tags: ["#trade", "#china"]'],
      [3, 'summary', '"#1, says KCNA" is read as a YAML comment (a # after a space), so summary is empty', 'quote the value: summary: "#1, says KCNA"'],
    ]);
    expect(lines('tags:\n  - #trade\n  - China\n')).toEqual([[2, 'tags', '"#trade" is read as a YAML comment (a # after a space), so this item of tags is empty', 'write it without the #: - trade, or quote it: - "#trade"']]);
    // One problem for each, not another saying the title is missing or the tag no name.
    const text = '---\ntitle: #1 exporter of coal\nurl: https://x.example/a\nsource: S\ndate: 2014-05-08\ntags:\n  - #trade\n---\nBody.\n';
    expect(parseEntry(text, 'entries/2014/a.md', { timezone: 'Asia/Seoul' }).problems.map((p) => [p.line, p.field])).toEqual([[2, 'title'], [7, 'tags']]);
  });

  it('not a note of the editor’s standing for the value, its # followed by a space', () => {
    expect(lines('tags: # none yet\nsummary: #  to write\n')).toEqual([]);
  });

  it('refuses the entry in check and publish (parseEntry), with the line in the file', () => {
    const text = '---\ntitle: Rason port ranks #1 in trade\nurl: https://x.example/a\nsource: S\ndate: 2014-05-08\n---\nBody.\n';
    const parsed = parseEntry(text, 'entries/2014/a.md', { timezone: 'Asia/Seoul' });
    expect(parsed.entry).toBeUndefined();
    expect(parsed.problems).toMatchObject([{ file: 'entries/2014/a.md', line: 2, field: 'title' }]);
  });
});
