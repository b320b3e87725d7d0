/** Completions in a post: keys, layouts, indexed values, the date, image addresses as the post's URL resolves them. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { FRONT_MATTER_KEYS } from '../server/src/core/completion';
import { KNOWN_KEYS } from '../server/src/core/rules/front-matter/unknown-key';
import { createLanguageService } from '../server/src/core/service';
import { MemoryWorkspace } from '../server/src/core/workspace';

const NOW = new Date('2025-03-04T05:06:07Z');
const PATH = '/s/_posts/2025-01-02-story.md';

function site(config = 'title: S\ntimezone: Asia/Shanghai\n') {
  const workspace = new MemoryWorkspace({
    '/s/_config.yml': config,
    '/s/_layouts/default.html': '{{ content }}',
    '/s/_layouts/post.html': '---\nlayout: default\n---\n{{ content }}',
    '/s/_posts/2025-01-01-a.md': '---\ntags: [经济, 外交]\nauthor: 甲\n---\n',
    '/s/_posts/2025-01-01-b.md': '---\ntags: [经济]\ncategories: world\nauthor: 乙\n---\n',
    '/s/images/photo one.jpg': 'x',
    '/s/assets/2025/map.png': 'x',
    '/s/_site/images/old.png': 'x',
    '/s/notes.txt': 'x',
  });
  return createLanguageService({ workspace, now: () => NOW });
}

/** The completions at the `|` of the text. */
async function at(marked: string, config?: string, path = PATH) {
  const service = site(config);
  await service.index.scan(['/s']);
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const items = await service.complete({ path, text }, offset);
  return { items, text, offset };
}
const labels = (items: Array<{ label: string; detail?: string }>) => items.map((i) => (i.detail ? `${i.label} (${i.detail})` : i.label));

describe('front-matter completions', () => {
  it('offers only keys the unknown-key rule knows, each documented once', () => {
    const keys = FRONT_MATTER_KEYS.map((k) => k.key);
    assert.deepEqual(keys.filter((key) => !KNOWN_KEYS.includes(key)), []);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(FRONT_MATTER_KEYS.every((k) => k.documentation.length > 20));
  });

  it('offers the keys not already present, with their documentation', async () => {
    const { items, offset } = await at('---\ntitle: T\nda|\ntags: [a]\n---\n');
    const keys = items.map((i) => i.label);
    assert.ok(keys.includes('date') && keys.includes('author') && keys.includes('layout'));
    assert.ok(!keys.includes('title') && !keys.includes('tags'));
    const date = items.find((i) => i.label === 'date');
    assert.match(date?.documentation ?? '', /YYYY-MM-DD HH:MM:SS \+ZZZZ/);
    assert.deepEqual(date?.range, { offset: offset - 2, length: 2 });
    assert.equal(date?.insertText, 'date: ');
  });

  it('offers tags, categories and authors from the index, most used first, with counts', async () => {
    assert.deepEqual(labels((await at('---\ntags: [|]\n---\n')).items), ['经济 (2 posts)', '外交 (1 post)']);
    // Inside a flow list, after an item already there; in a block list; as a scalar.
    assert.deepEqual(labels((await at('---\ntags: [经济, 外|]\n---\n')).items), ['外交 (1 post)']);
    const block = await at('---\ntitle: T\ntags:\n  - 经济\n  - |\n---\n');
    assert.deepEqual(labels(block.items), ['经济 (2 posts)', '外交 (1 post)']);
    assert.deepEqual(labels((await at('---\ncategories: |\n---\n')).items), ['world (1 post)']);
    const author = await at('---\nauthor: 乙|\n---\n');
    assert.deepEqual(labels(author.items), ['乙 (1 post)', '甲 (1 post)']);
    assert.deepEqual(author.items[0].range, { offset: author.offset - 1, length: 1 });
  });

  it('quotes a value that YAML would read as something else', async () => {
    const service = site();
    service.index.set('/s/_posts/2025-01-01-c.md', undefined, { tags: ['2024', 'a: b', 'x,y'], categories: [], author: [] });
    const text = '---\ntags: [\n---\n';
    const items = await service.complete({ path: PATH, text }, text.indexOf('[') + 1);
    assert.deepEqual(items.map((i) => i.insertText), ['"2024"', '"a: b"', '"x,y"']);
  });

  it('offers the layouts of _layouts/ and the date now in the site zone', async () => {
    assert.deepEqual(labels((await at('---\nlayout: |\n---\n')).items), ['default (_layouts/default)', 'post (_layouts/post)']);
    assert.deepEqual((await at('---\ndate: |\n---\n')).items.map((i) => i.label), ['2025-03-04 13:06:07 +0800']);
    assert.deepEqual((await at('---\ndate: |\n---\n', 'title: S\ntimezone: America/New_York\n')).items.map((i) => i.label), ['2025-03-04 00:06:07 -0500']);
  });
});

describe('image completions', () => {
  it('offers image files relative to the post URL, and from the root after a slash', async () => {
    // The post is published at /2025/01/02/story.html: the images are three folders up.
    assert.deepEqual(labels((await at('---\ntitle: T\n---\n![x](|)\n')).items), ['../../../assets/2025/map.png (assets/2025/map.png)', '../../../images/photo%20one.jpg (images/photo one.jpg)']);
    assert.deepEqual((await at('---\ntitle: T\n---\n<img src="/|">\n')).items.map((i) => i.label), ['/assets/2025/map.png', '/images/photo%20one.jpg']);
  });

  it('follows the permalink and the baseurl', async () => {
    const { items } = await at('---\ntitle: T\n---\n<img alt="" src="im|\n', 'title: S\nbaseurl: /news\npermalink: /:title/\n');
    // Published at /news/story/: one folder up reaches the site's root under the baseurl.
    assert.deepEqual(items.map((i) => i.label), ['../assets/2025/map.png', '../images/photo%20one.jpg']);
    assert.deepEqual(items[0].range.length, 2);
  });

  it('offers root-relative addresses in a draft, which has no URL yet', async () => {
    const { items } = await at('---\ntitle: T\n---\n![x](|)\n', undefined, '/s/_drafts/story.md');
    assert.deepEqual(items.map((i) => i.label), ['/assets/2025/map.png', '/images/photo%20one.jpg']);
  });

  it('offers nothing in plain text or outside a site file', async () => {
    assert.deepEqual((await at('---\ntitle: T\n---\nSome |text\n')).items, []);
    assert.deepEqual((await at('---\ntitle: T\n---\n![x](|)\n', undefined, '/s/notes.txt')).items, []);
  });
});
