/** Local images: resolution as the published site resolves them, what Jekyll publishes, and the service's looking. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { localImagePaths, localImages, normalizedBaseurl, unpublishedReason } from '../server/src/core/localImages';
import { parsePost } from '../server/src/core/post';
import { createLanguageService } from '../server/src/core/service';
import { emptySite, loadSite } from '../server/src/core/site';
import { RULE_CATALOG } from '../server/src/core/rules';
import { MemoryWorkspace, type FileStat, type Workspace } from '../server/src/core/workspace';

const HEAD = '---\ntitle: Bridge\ndate: 2025-01-02 10:00:00 +0800\nauthor: Desk\nfrom: https://example.com/a\ntags: [a]\n---\n';
const NOW = new Date('2026-01-01T00:00:00Z');
const CONFIG = 'timezone: Asia/Shanghai\nbaseurl: /news/\npermalink: /:year-:month-:day/:title\n';

async function resolve(body: string, config = CONFIG, file = '/s/_posts/2025-01-02-a b.md') {
  const site = await loadSite('/s', new MemoryWorkspace({ '/s/_config.yml': config }), RULE_CATALOG);
  const post = parsePost(HEAD + body, file, 0, '/s');
  return localImages(post, site, NOW);
}

describe('local image resolution', () => {
  it('normalizes the baseurl as relative_url does', () => {
    assert.equal(normalizedBaseurl(''), '');
    assert.equal(normalizedBaseurl('/'), '');
    assert.equal(normalizedBaseurl('news'), '/news');
    assert.equal(normalizedBaseurl('/news/'), '/news');
  });

  it('resolves relative addresses against the post URL under the baseurl (the corpus permalink)', async () => {
    const [image] = await resolve('<img src="img/x.png" alt="x">');
    assert.equal(image.pageUrl, '/news/2025-01-02/a-b');
    assert.equal(image.urlPath, '/news/2025-01-02/img/x.png');
    assert.equal(image.sourcePath, '/s/2025-01-02/img/x.png');
    assert.equal(image.fromRoot, '/s/img/x.png');
  });

  it('decodes percent-encoding and entities, drops the query and fragment, and reads backslashes as a browser does', async () => {
    const images = await resolve('<img src="/news/a%20b.png?x=1#f" alt="x"> <img src="/news/a&amp;b.png" alt="x"> <img src="\\news\\c.png" alt="x"> ![x](/news/d\\_e.png)');
    assert.deepEqual(images.map((i) => i.sourcePath), ['/s/a b.png', '/s/a&b.png', '/s/c.png', '/s/d_e.png']);
  });

  it('skips what is not local or not certain: schemes, protocol-relative, Liquid, unknown entities, empty', async () => {
    const images = await resolve(
      '<img src="https://x.org/a.png" alt="x"> <img src="//cdn/a.png" alt="x"> <img src="\\\\cdn\\a.png" alt="x"> <img src="data:image/png;base64,AA" alt="x"> <img src="{{ site.baseurl }}/a.png" alt="x"> <img src="/news/&eacute;.png" alt="x"> <img src="" alt="x"> <img src="#top" alt="x"> <img src="/news/%E4%B8.png" alt="x">',
    );
    assert.deepEqual(images, []);
  });

  it('says when a root-relative address misses the baseurl, and where the file would be', async () => {
    const [image] = await resolve('<img src="/images/x.png" alt="x">');
    assert.equal(image.sourcePath, undefined);
    assert.equal(image.withoutBaseurl, '/s/images/x.png');
  });

  it('leaves relative addresses of drafts and posts with a date that stops the build unknown; root-relative ones are still resolved', async () => {
    const draft = await resolve('<img src="img/x.png" alt="x"> <img src="/news/y.png" alt="y">', CONFIG, '/s/_drafts/a.md');
    assert.deepEqual(draft.map((i) => i.urlPath), ['/news/y.png']);
    const site = await loadSite('/s', new MemoryWorkspace({ '/s/_config.yml': CONFIG }), RULE_CATALOG);
    const bad = parsePost('---\ndate: 2025-13-45\n---\n<img src="img/x.png" alt="x">', '/s/_posts/2025-01-02-a.md', 0, '/s');
    assert.deepEqual(localImages(bad, site, NOW), []);
    const outside = parsePost('<img src="/x.png" alt="x">', '/elsewhere/_posts/2025-01-02-a.md');
    assert.deepEqual(localImages(outside, emptySite(), NOW), []);
  });

  it('knows what Jekyll does not publish', () => {
    const site = { ...emptySite(), exclude: ['private', 'drafts/*.png'], include: ['.htaccess', '_pages'] };
    assert.equal(unpublishedReason('/images/x.png', site), undefined);
    assert.match(unpublishedReason('/_assets/x.png', site) ?? '', /start with _/);
    assert.match(unpublishedReason('/.hidden/x.png', site) ?? '', /start with \./);
    assert.match(unpublishedReason('/images/x.png~', site) ?? '', /backup/);
    assert.match(unpublishedReason('/private/x.png', site) ?? '', /exclude/);
    assert.match(unpublishedReason('/drafts/x.png', site) ?? '', /exclude/);
    assert.match(unpublishedReason('/node_modules/x/a.png', site) ?? '', /exclude/);
    assert.equal(unpublishedReason('/_pages/x.png', site), undefined);
  });

  it('asks about each file once', async () => {
    const images = await resolve('<img src="/news/a.png" alt="x"> <img src="/news/a.png?v=2" alt="x"> <img src="/a.png" alt="x">');
    assert.deepEqual(localImagePaths(images), ['/s/a.png']);
  });
});

describe('the service looks at local images on every check', () => {
  const POST_PATH = '/s/_posts/2025-01-02-bridge.md';
  const TEXT = `${HEAD}\n<img src="/news/images/bridge.png" alt="The bridge">\n`;

  it('an image added after a check clears the problem on the next check, with no stale answer kept', async () => {
    const workspace = new MemoryWorkspace({ '/s/_config.yml': 'baseurl: /news\n' });
    const service = createLanguageService({ workspace, now: () => NOW });
    const broken = (await service.checkDocument({ path: POST_PATH, text: TEXT, version: 1 })).problems.filter((p) => p.rule === 'image/broken-local');
    assert.equal(broken.length, 1);
    assert.match(broken[0].message, /no file images\/bridge\.png/);
    workspace.set('/s/images/bridge.png', 'png');
    // The same document version: nothing but the file changed.
    const after = (await service.checkDocument({ path: POST_PATH, text: TEXT, version: 1 })).problems.filter((p) => p.rule === 'image/broken-local');
    assert.deepEqual(after, []);
    workspace.delete('/s/images/bridge.png');
    assert.equal((await service.checkDocument({ path: POST_PATH, text: TEXT, version: 1 })).problems.filter((p) => p.rule === 'image/broken-local').length, 1);
  });

  it('fix-all adds the baseurl when the file is in the site, and only then', async () => {
    const workspace = new MemoryWorkspace({ '/s/_config.yml': 'baseurl: /news\n', '/s/images/bridge.png': 'png' });
    const service = createLanguageService({ workspace, now: () => NOW });
    const text = `${HEAD}\n<img src="/images/bridge.png" alt="The bridge">\n<img src="/images/river.png" alt="The river">\n`;
    const fixed = await service.fixAll({ path: POST_PATH, text, version: 1 });
    assert.equal(fixed, `${HEAD}\n<img src="/news/images/bridge.png" alt="The bridge">\n<img src="/images/river.png" alt="The river">\n`);
  });

  it('a workspace whose stat fails leaves the images unknown, not broken', async () => {
    const memory = new MemoryWorkspace({ '/s/_config.yml': 'baseurl: /news\n' });
    const failing: Workspace = {
      read: (p) => memory.read(p),
      readFile: (p) => memory.readFile(p),
      readDirectory: (p) => memory.readDirectory(p),
      stat: async (p): Promise<FileStat | undefined> => {
        if (p.endsWith('.png')) throw new Error('EACCES');
        return memory.stat(p);
      },
    };
    const service = createLanguageService({ workspace: failing, now: () => NOW });
    const problems = (await service.checkDocument({ path: POST_PATH, text: TEXT, version: 1 })).problems;
    assert.deepEqual(problems.filter((p) => p.rule === 'image/broken-local'), []);
  });
});
