/** The index of tags, categories and authors: Jekyll's reading of each post, counts per site, kept current. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { FacetIndex, facetsOf, facetsOfFrontMatter } from '../server/src/core/facetIndex';
import { parseFrontMatter } from '../server/src/core/frontMatter';
import { createLanguageService } from '../server/src/core/service';
import { MemoryWorkspace } from '../server/src/core/workspace';

const post = (front: string) => `---\n${front}---\nBody\n`;

describe('facetsOf', () => {
  it('reads tags, categories and author as Jekyll does', () => {
    assert.deepEqual(facetsOf(post('tags: [经济, 外交]\ncategories: world\nauthor: 王小明\n'), 'news/_posts/2025-01-02-a.md'), {
      tags: ['经济', '外交'],
      categories: ['news', 'world'],
      author: ['王小明'],
    });
    // A tags String is split on whitespace; `tag` wins over `tags` and is not split; nils are dropped.
    assert.deepEqual(facetsOf(post('tags: breaking news\n'), '_posts/2025-01-02-a.md').tags, ['breaking', 'news']);
    assert.deepEqual(facetsOf(post('tag: breaking news\ntags: [x]\n'), '_posts/2025-01-02-a.md').tags, ['breaking news']);
    assert.deepEqual(facetsOf(post('tags: [a, ~, 2024, a]\n'), '_posts/2025-01-02-a.md').tags, ['a', '2024']);
    // `category` wins over `categories`, after the folders.
    assert.deepEqual(facetsOf(post('categories: [x, y]\ncategory: z\n'), 'world/_posts/2025-01-02-a.md').categories, ['world', 'x', 'y', 'z']);
    assert.deepEqual(facetsOf(post('author: [甲, 乙]\n'), '_posts/2025-01-02-a.md').author, ['甲', '乙']);
    // A draft's folders count as a post's; another collection's do not.
    assert.deepEqual(facetsOf(post('title: T\n'), 'world/_drafts/a.md').categories, ['world']);
    assert.deepEqual(facetsOf(post('title: T\n'), '_reports/asia/a.md').categories, []);
  });

  it('reads simple lines without a full parse exactly as the full parse does', () => {
    const fronts = [
      'tags: [经济, 外交]\nauthor: 王小明\n',
      'tags: [yes, 1.0, 2024-01-01, ~, "q", a b, \'x\', .5, -1, +1, 0x1A, 1_000, on, Null]\n',
      'author: on\n',
      'author: 12\n',
      'author: 2024-01-02 10:00:00 +0800\n',
      'tags: [a, ]\n',
      'tags: [a,,b]\n',
      'tags: [a] # note\n',
      'tags: a: b\n',
      'author: 王小明 \n',
      'tags: [a]\ntags: [b]\n',
      'tag: x y\ntags: [y]\n',
      'categories: [a, b]\ncategory: c\n',
      'categories: a  b\n',
      'tags: []\n',
      'tags:\n',
      'tags:\n  - a\n  - b\n',
      'tags: [a, [b]]\n',
      'tags: {a: 1}\n',
      'author: [甲, 乙]\n',
      'tags: [*x]\n',
      'tags: [a\n  , b]\n',
      'author: "甲"\n',
      'tags: [ a b , c ]\n',
      'tags: [a:b]\n',
      'author: =\n',
    ];
    for (const front of fronts) {
      const text = post(`title: T\n${front}`);
      assert.deepEqual(facetsOf(text, 'world/_posts/2025-01-02-a.md'), facetsOfFrontMatter(parseFrontMatter(text), 'world/_posts/2025-01-02-a.md'), front);
    }
  });

  it('reads nothing from a front matter Jekyll cannot read, but the folders still count', () => {
    assert.deepEqual(facetsOf(post('tags: [a\n'), 'world/_posts/2025-01-02-a.md'), { tags: [], categories: ['world'], author: [] });
    assert.deepEqual(facetsOf('No front matter', '_posts/2025-01-02-a.md'), { tags: [], categories: [], author: [] });
  });
});

describe('FacetIndex', () => {
  it('counts per site, most used first, and subtracts a post that changes or goes', () => {
    const index = new FacetIndex();
    index.set('/s/_posts/a.md', '/s', { tags: ['x', 'y'], categories: [], author: ['A'] });
    index.set('/s/_posts/b.md', '/s', { tags: ['y'], categories: ['c'], author: ['A'] });
    index.set('/t/_posts/c.md', '/t', { tags: ['z'], categories: [], author: [] });
    assert.deepEqual(index.values('/s', 'tags'), [{ value: 'y', posts: 2 }, { value: 'x', posts: 1 }]);
    assert.deepEqual(index.values('/t', 'tags'), [{ value: 'z', posts: 1 }]);
    assert.equal(index.count('/s', 'author', 'A'), 2);
    index.set('/s/_posts/a.md', '/s', { tags: ['y'], categories: [], author: ['B'] });
    assert.deepEqual(index.values('/s', 'tags'), [{ value: 'y', posts: 2 }]);
    assert.deepEqual(index.values('/s', 'author'), [{ value: 'A', posts: 1 }, { value: 'B', posts: 1 }]);
    index.delete('/s/_posts/b.md');
    index.set('/s/_posts/a.md', '/s', undefined);
    assert.deepEqual(index.values('/s', 'tags'), []);
    assert.equal(index.count('/s', 'author', 'A'), 0);
    assert.equal(index.size, 1);
  });
});

describe('language service index of facets', () => {
  const files = {
    '/s/_config.yml': 'title: S\n',
    '/s/_posts/2025-01-02-a.md': post('tags: [经济, 外交]\nauthor: 甲\n'),
    '/s/world/_posts/2025-01-03-b.md': post('tags: [经济]\nauthor: 乙\n'),
    '/s/_drafts/c.md': post('tags: [草稿]\n'),
  };

  it('scans the site, follows changes, deletions and renames, and learns from checks', async () => {
    const workspace = new MemoryWorkspace(files);
    const service = createLanguageService({ workspace });
    await service.index.scan(['/s']);
    const values = async (facet: 'tags' | 'categories' | 'author') => (await service.index.values('/s/_posts/x.md', facet)).map((c) => `${c.value}:${c.posts}`);
    assert.deepEqual(await values('tags'), ['经济:2', '外交:1', '草稿:1']);
    assert.deepEqual(await values('categories'), ['world:1']);
    // Changed on disk, then renamed (deleted and created), then deleted.
    service.index.update('/s/_posts/2025-01-02-a.md', post('tags: [体育]\nauthor: 甲\n'));
    assert.deepEqual(await values('tags'), ['体育:1', '经济:1', '草稿:1']);
    service.index.update('/s/_posts/2025-01-02-a.md', undefined);
    service.index.update('/s/_posts/2025-01-05-a.md', post('tags: [体育]\nauthor: 甲\n'));
    assert.deepEqual(await values('tags'), ['体育:1', '经济:1', '草稿:1']);
    service.index.update('/s/_drafts/c.md', undefined);
    assert.deepEqual(await values('tags'), ['体育:1', '经济:1']);
    // An unsaved edit: the check says what the post has now, and the server tells the index.
    const checked = await service.checkDocument({ path: '/s/_posts/2025-01-05-a.md', text: post('tags: [体育, 新闻]\nauthor: 丙\n') });
    assert.deepEqual(checked.facets, { tags: ['体育', '新闻'], categories: [], author: ['丙'] });
    service.index.set(checked.path, checked.source, checked.facets);
    assert.deepEqual(await values('tags'), ['体育:1', '新闻:1', '经济:1']);
    assert.deepEqual(await values('author'), ['丙:1', '乙:1']);
    assert.equal(await service.index.count('/s/_posts/x.md', 'tags', '经济'), 1);
  });
});
