/** The language service with the in-memory workspace: classification, site-level checks, fix verification. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkFix } from '../server/src/core/fixes';
import { classifySiteFile } from '../server/src/core/jekyll/paths';
import { parsePost } from '../server/src/core/post';
import { createLanguageService } from '../server/src/core/service';
import { sourceOf } from '../server/src/core/sourceIndex';
import { MemoryWorkspace } from '../server/src/core/workspace';

const POST = '---\ntitle: " Padded "\ndate: 2025-01-02 10:00:00 +0800\nauthor: Desk\nfrom: https://example.com/a\ntags: [a]\n---\nBody\n';

describe('site file classifier', () => {
  it('says what Jekyll makes of a path', () => {
    const table: Array<[string, string]> = [
      ['/s/_posts/2025-01-02-x.md', 'post'],
      ['/s/news/_posts/2025-01-02-x.html', 'post'],
      ['/s/_posts/notes.txt', 'other'],
      ['/s/_drafts/x.md', 'draft'],
      ['/s/_reports/x.md', 'collection'],
      ['/s/_config.yml', 'config'],
      ['/s/_data/authors.yml', 'data'],
      ['/s/_data/list.csv', 'other'],
      ['/s/_layouts/post.html', 'layout'],
      ['/s/_includes/x.html', 'include'],
      ['/s/_site/_posts/2025-01-02-x.md', 'other'],
      ['/s/node_modules/pkg/_posts/x.md', 'other'],
      ['/s/about.md', 'other'],
      // The folders above a site do not count: a site checked out under .vscode-test/ or vendor/ is still a site.
      ['/home/me/project/.vscode-test/e2e/site/_posts/2025-01-02-x.md', 'post'],
      ['/home/me/vendor/site/_config.yml', 'config'],
    ];
    // Inside a known site (the root given), every folder counts.
    assert.deepEqual(table.map(([path]) => [path, classifySiteFile(path, path.startsWith('/s/') ? '/s' : undefined).kind]), table);
    // Without the root, the folders above the first `_` folder do not count (a site checked out under one of them).
    assert.equal(classifySiteFile('/s/_site/_posts/2025-01-02-x.md').kind, 'other');
    assert.equal(classifySiteFile('/s/_posts/2025-01-02-x.md').kind, 'post');
  });
});

describe('language service', () => {
  const workspace = () =>
    new MemoryWorkspace({
      '/s/_config.yml': 'title: S\nsass:\n  style: :expanded\n',
      '/s/_data/broken.yml': 'a: [1\n',
      '/s/_layouts/post.html': '{{ content }}',
      '/s/_posts/2025-01-02-a.md': POST,
    });

  it('checks a site as a whole: _config.yml and _data, without opening them', async () => {
    const service = createLanguageService({ workspace: workspace() });
    const results = await service.checkSite('/s');
    assert.deepEqual(results.map((r) => [r.path, r.problems.map((p) => p.rule)]), [
      ['/s/_config.yml', ['config/ruby-object']],
      ['/s/_data/broken.yml', ['data/yaml-syntax']],
    ]);
  });

  it('gives a file that cannot be read a problem of its own', async () => {
    const ws = workspace();
    ws.set('/s/_posts/2025-01-03-bytes.md', new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]));
    const service = createLanguageService({ workspace: ws });
    const bytes = await service.checkFile('/s/_posts/2025-01-03-bytes.md');
    assert.ok(bytes.problems.some((p) => p.rule === 'file/encoding'));
    assert.equal(bytes.writable, false);
    const missing = await service.checkFile('/s/_posts/2025-01-04-gone.md');
    assert.deepEqual(missing.problems.map((p) => p.rule), ['file/unreadable']);
  });

  it('refuses to parse a front matter larger than any post needs, and says so', async () => {
    const service = createLanguageService({ workspace: workspace() });
    const keys = Array.from({ length: 60_000 }, (_, i) => `key${i}: [a, {b: c}]`).join('\n');
    const result = await service.checkDocument({ path: '/s/_posts/2025-01-02-a.md', text: `---\n${keys}\n---\nThe article.\n` });
    assert.deepEqual(result.problems.map((p) => p.rule), ['front-matter/yaml-syntax']);
    assert.match(result.problems[0].message, /does not check this front matter: it is \d+ KB/);
  });

  it('fixes 30,000 repeated tags in one pass of linear work (choosing non-overlapping fixes was quadratic)', { timeout: 60_000 }, async () => {
    const service = createLanguageService({ workspace: workspace() });
    const text = `---\ntitle: T\ntags: [${Array.from({ length: 30_000 }, () => 'a').join(', ')}]\n---\n`;
    const fixed = await service.fixAll({ path: '/s/_posts/2025-01-02-a.md', text });
    assert.match(fixed ?? '', /^tags: \[a\]$/m);
  });

  it('reads the source of a post with a 200,000-space line in linear time (the old pattern backtracked)', { timeout: 20_000 }, () => {
    assert.equal(sourceOf(`---\nfrom: https://a.b/c${' '.repeat(200_000)}x\n---\n`), `https://a.b/c${' '.repeat(200_000)}x`);
    assert.equal(sourceOf(`---\nfrom:   https://a.b/c \t\n---\n`), 'https://a.b/c');
  });

  it('reads the clock once per check: every rule sees the same instant', async () => {
    let reads = 0;
    const service = createLanguageService({ workspace: workspace(), now: () => (reads++, new Date('2026-01-01T00:00:00Z')) });
    await service.checkDocument({ path: '/s/_posts/2025-01-02-a.md', text: POST });
    assert.equal(reads, 1);
  });

  it('fixes all, and keeps the index of sources per file', async () => {
    const service = createLanguageService({ workspace: workspace() });
    const fixed = await service.fixAll({ path: '/s/_posts/2025-01-02-a.md', text: POST });
    assert.match(fixed ?? '', /^title: "Padded"$/m);
    const scan = await service.index.scan(['/s']);
    assert.deepEqual([scan.files, scan.failures.length, service.index.size], [1, 0, 1]);
  });
});

describe('fix verification', () => {
  it('offers every fix of the fixtures that keeps its promise: a renamed key, a quoted symbol', async () => {
    const text = '---\ntitel: "Harbour"\nlayout: :post\n---\n';
    const service = createLanguageService({ workspace: new MemoryWorkspace({ '/s/_config.yml': 'x: 1\n' }) });
    const result = await service.checkDocument({ path: '/s/_posts/2025-01-02-a.md', text });
    const offered = await service.safeFixes({ path: '/s/_posts/2025-01-02-a.md', text }, result.problems.flatMap((p) => p.fixes));
    assert.deepEqual(offered.map((f) => f.title).sort(), ["Quote the value", "Rename 'titel' to 'title'"]);
  });

  const post = (text: string) => parsePost(text, '/s/_posts/2025-01-02-a.md');

  it('accepts a fix that gives the intended value and leaves the rest', () => {
    const text = '---\ntitle: " x "\nauthor: A\n---\n';
    const at = text.indexOf('" x "');
    assert.equal(checkFix(post(text), { title: 'trim', edits: [{ offset: at, length: 5, newText: '"x"' }], expect: { title: { value: 'x' } } }), undefined);
  });

  it('refuses a fix after which Psych would read the front matter differently (a bare CR ends the line)', () => {
    const text = '---\ntitle: t\nfrom:\r https://a.b/c\n---\n';
    const at = text.indexOf('\r');
    assert.match(checkFix(post(text), { title: 'glue', edits: [{ offset: at, length: 2, newText: '' }] }) ?? '', /not valid YAML|changes|loses/);
  });

  it('refuses a fix that changes a key it does not mean to touch', () => {
    const text = '---\ntitle: t\nauthor: A\n---\n';
    const at = text.indexOf('A\n');
    const reason = checkFix(post(text), { title: 'sneaky', edits: [{ offset: text.indexOf('t\n'), length: 1, newText: 'u' }, { offset: at, length: 1, newText: 'B' }], expect: { title: { value: 'u' } } });
    assert.match(reason ?? '', /author/);
  });

  it('refuses a fix whose result is not the value it promises', () => {
    const text = '---\npublished: "false"\n---\n';
    const at = text.indexOf('"false"');
    assert.match(checkFix(post(text), { title: 'unquote', edits: [{ offset: at, length: 7, newText: 'no way' }], expect: { published: { value: false } } }) ?? '', /published/);
  });
});
