import { describe, expect, it } from 'vitest';
import { renderTagList } from '../../../lib/pages/renderTagList.js';

describe('tags/tags.json', () => {
  it('writes each name without the control characters no page or feed shows (C0, DEL, C1, U+FFFE, U+FFFF)', () => {
    const names = ['a\u0001b', 'c\ufffed\uffff', 'e\u0085f\u007fg', 'plain'];
    const json = JSON.parse(renderTagList(names.map((name, i) => ({ tag: { name, slug: `s${i}` }, count: 1, newest: 0 }))));
    expect(json.tags.map((tag: { name: string }) => tag.name)).toEqual(['ab', 'cd', 'efg', 'plain']);
    expect(json.tags.map((tag: { slug: string }) => tag.slug)).toEqual(['s0', 's1', 's2', 's3']);
  });

  it('keeps a tab or line break typed in a name, as the pages do (README: tags/tags.json)', () => {
    const json = renderTagList([{ tag: { name: 'North\tKorea\nnews', slug: 'nk' }, count: 1, newest: 0 }]);
    expect(json).toContain('"North\\tKorea\\nnews"');
  });
});
