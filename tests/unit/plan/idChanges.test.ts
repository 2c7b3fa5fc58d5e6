import { describe, expect, it } from 'vitest';
import { idChangeProblem } from '../../../lib/plan/idChanges.js';

describe('idChangeProblem: the fix that keeps the published id', () => {
  it('a file renamed, its id its path: add an id: line', () => {
    const problem = idChangeProblem({ url: 'https://news.example.com/b', oldKey: 'entries/2014/b.md', oldId: '2014/b', newKey: 'entries/2014/b-renamed.md', newId: '2014/b-renamed' });
    expect(problem.fix).toBe('add `id: 2014/b` to its front matter, or publish with --allow-id-change to give it the new id');
  });

  it('an id: line changed: change it back, since a second id: line would be a YAML error', () => {
    const problem = idChangeProblem({ url: 'https://news.example.com/b', oldKey: 'entries/2014/b.md', oldId: 'kaesong-wages', newKey: 'entries/2014/b.md', newId: 'kaesong-wages-2' });
    expect(problem.message).toBe('this entry was published with the id "kaesong-wages"; under the id "kaesong-wages-2" every reader would show it again as a new item');
    expect(problem.fix).toBe('change its id: line to `id: kaesong-wages`, or publish with --allow-id-change to give it the new id');
  });
});
