/** Hovers on tags, categories and authors: the value under the cursor, and how many posts of the site use it. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseFrontMatter } from '../server/src/core/frontMatter';
import { hoverOfIndexedValue, indexedValueAt } from '../server/src/core/indexedHover';
import { createLanguageService } from '../server/src/core/service';
import { MemoryWorkspace } from '../server/src/core/workspace';

/** The indexed value at the `|` of the text. */
function valueAt(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const found = indexedValueAt(parseFrontMatter(text), offset);
  return found && { facet: found.facet, value: found.value, written: text.slice(found.range.offset, found.range.offset + found.range.length) };
}

describe('indexedValueAt', () => {
  it('finds the item, the word of a split String, or the scalar under the cursor', () => {
    assert.deepEqual(valueAt('---\ntags: [经济, 外|交]\n---\n'), { facet: 'tags', value: '外交', written: '外交' });
    assert.deepEqual(valueAt('---\ncategories:\n  - wo|rld\n---\n'), { facet: 'categories', value: 'world', written: 'world' });
    assert.deepEqual(valueAt('---\ntags: breaking ne|ws\n---\n'), { facet: 'tags', value: 'news', written: 'news' });
    assert.deepEqual(valueAt('---\ntag: breaking ne|ws\n---\n'), { facet: 'tags', value: 'breaking news', written: 'breaking news' });
    assert.deepEqual(valueAt('---\nauthor: "王|小明"\n---\n'), { facet: 'author', value: '王小明', written: '"王小明"' });
    assert.deepEqual(valueAt('---\ntags: [2024]|\n---\n'), undefined);
  });

  it('finds nothing on other keys, a duplicate key Jekyll drops, or a front matter Jekyll cannot read', () => {
    assert.equal(valueAt('---\ntitle: 经|济\n---\n'), undefined);
    assert.equal(valueAt('---\ntags: [a|]\ntags: [b]\n---\n'), undefined);
    assert.equal(valueAt('---\ntags: [a|]\ntitle: [\n---\n'), undefined);
  });
});

describe('hoverOfIndexedValue', () => {
  it('says how many posts use the value', () => {
    const range = { offset: 3, length: 2 };
    assert.deepEqual(hoverOfIndexedValue({ facet: 'tags', value: '经济', range }, 12), { contents: '**tag** `经济`\n\n12 posts of the site use this tag.', range });
    assert.equal(hoverOfIndexedValue({ facet: 'author', value: '甲', range }, 1).contents, '**author** `甲`\n\n1 post of the site is by this author.');
    assert.equal(hoverOfIndexedValue({ facet: 'categories', value: 'x', range }, 0).contents, '**category** `x`\n\nNo post of the site uses this category yet.');
  });

  it('counts from the service index', async () => {
    const service = createLanguageService({
      workspace: new MemoryWorkspace({ '/s/_config.yml': 'title: S\n', '/s/_posts/2025-01-01-a.md': '---\ntags: [经济]\n---\n', '/s/_posts/2025-01-02-b.md': '---\ntags: [经济, 外交]\n---\n' }),
    });
    await service.index.scan(['/s']);
    const text = '---\ntags: [经济]\n---\n';
    const hover = await service.hoverIndexedValue({ path: '/s/_posts/2025-01-03-c.md', text }, text.indexOf('经'));
    assert.equal(hover?.contents, '**tag** `经济`\n\n2 posts of the site use this tag.');
    assert.equal(await service.hoverIndexedValue({ path: '/s/_posts/2025-01-03-c.md', text }, 1), undefined);
  });
});
