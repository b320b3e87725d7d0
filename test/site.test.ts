/** The site context and the newsdesk settings in _config.yml. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lintPost } from '../server/src/core/lint';
import { parsePost } from '../server/src/core/post';
import type { Rule } from '../server/src/core/rule';
import { RULE_CATALOG } from '../server/src/core/rules';
import { createLanguageService } from '../server/src/core/service';
import { loadSite } from '../server/src/core/site';
import type { Problem } from '../server/src/core/types';
import { MemoryWorkspace } from '../server/src/core/workspace';

const POST = '---\nlayout: post\ntitle: "x"\ndate: 2025-01-02 10:00:00\nauthor: Desk\nfrom: http://example.com/a\ntags: [a]\n---\nThe article.\n';

async function siteWith(config: string, extra: Record<string, string> = {}) {
  const workspace = new MemoryWorkspace({ '/s/_config.yml': config, '/s/_layouts/post.html': '{{ content }}', ...extra });
  return { workspace, site: await loadSite('/s', workspace, RULE_CATALOG) };
}

/** The problems of the site's _config.yml, as the editor and the CLI get them. */
async function configProblems(workspace: MemoryWorkspace): Promise<Problem[]> {
  return (await createLanguageService({ workspace }).checkFile('/s/_config.yml')).problems;
}

describe('site configuration', () => {
  it('reads Jekyll settings and the layouts', async () => {
    const { site } = await siteWith('timezone: Asia/Tokyo\nfuture: true\nbaseurl: "/b"\ntheme: minima\n');
    assert.equal(site.timezone, 'Asia/Tokyo');
    assert.equal(site.future, true);
    assert.equal(site.baseurl, '/b');
    assert.equal(site.theme, 'minima');
    assert.deepEqual([...site.layouts], ['post']);
  });
  it('applies severities from newsdesk.rules, including off', async () => {
    const { site } = await siteWith('newsdesk:\n  rules:\n    from/http: error\n    date/no-timezone: off\n');
    const problems = lintPost(parsePost(POST, '/s/_posts/2025-01-02-x.md'), { site, now: new Date('2026-01-01') });
    assert.deepEqual(problems.map((p) => `${p.rule}:${p.severity}`), ['from/http:error']);
  });
  it('reports bad settings in _config.yml with a did-you-mean, and keeps the good ones', async () => {
    const config = 'newsdesk:\n  rules:\n    from/htp: error\n    from/http: loud\n    date/future: warning\n  required: title\n  tagz: [a]\n';
    const { site, workspace } = await siteWith(config);
    const problems = await configProblems(workspace);
    const text = (p: { offset: number; length: number }) => config.slice(p.offset, p.offset + p.length);
    assert.deepEqual(problems.map((p) => [p.rule, text(p)]), [
      ['config/invalid-setting', 'from/htp'],
      ['config/invalid-setting', 'loud'],
      ['config/invalid-setting', 'title'],
      ['config/invalid-setting', 'tagz'],
    ]);
    assert.match(problems[0].message, /Did you mean 'from\/http'\?/);
    assert.match(problems[3].message, /Did you mean 'tags'\?/);
    assert.equal(site.settings.rules['date/future'], 'warning');
  });
  it('reads newsdesk.captions: its selectors find captions, its words skip images; a bad selector is reported', async () => {
    const config = 'newsdesk:\n  captions:\n    selectors: [".credit", "p[class"]\n    skip: [thumb]\n    skp: []\n';
    const { site, workspace } = await siteWith(config);
    assert.deepEqual(site.settings.captions, { selectors: ['.credit'], skip: ['thumb'] });
    const problems = await configProblems(workspace);
    const text = (p: { offset: number; length: number }) => config.slice(p.offset, p.offset + p.length);
    assert.deepEqual(problems.map((p) => text(p)), ['"p[class"', 'skp']);
    assert.match(problems[1].message, /Did you mean 'skip'\?/);
    const body = '<div><img src="https://e.com/a.jpg" alt="A"><span class="credit">Photo: Desk</span></div>\n<p><img src="https://e.com/thumb-b.jpg" alt="B"></p>\n<p><img src="https://e.com/c.jpg" alt="C"></p>\n';
    const post = parsePost(POST + body, '/s/_posts/2025-01-02-x.md');
    const captionProblems = (s: typeof site) => lintPost(post, { site: s, now: new Date('2026-01-01') }).filter((p) => p.rule === 'image/missing-caption').map((p) => post.text.slice(p.offset, p.offset + p.length));
    assert.deepEqual(captionProblems(site), ['<img src="https://e.com/c.jpg" alt="C">']);
    const plain = await siteWith('title: x\n');
    assert.equal(captionProblems(plain.site).length, 3, 'without the settings, all three images lack a caption');
  });
  it('reports the Ruby Symbol Jekyll 4 refuses, and a YAML error, without throwing', async () => {
    const { workspace } = await siteWith('sass:\n  style: :expanded\n');
    assert.deepEqual((await configProblems(workspace)).map((p) => p.rule), ['config/ruby-object']);
    const broken = await siteWith('title: [oops\n');
    assert.deepEqual((await configProblems(broken.workspace)).map((p) => p.rule), ['config/yaml-syntax']);
  });
  it('reads the author list from _data/authors.yml', async () => {
    const { site } = await siteWith('title: s\n', { '/s/_data/authors.yml': 'desk:\n  name: City Desk\n' });
    assert.deepEqual([...(site.authors ?? [])].sort(), ['City Desk', 'desk']);
  });
  it('contains a rule that throws: the others still report', async () => {
    const { site } = await siteWith('title: s\n');
    const failures: string[] = [];
    const boom: Rule = { id: 'title/boom', description: 'throws', defaultSeverity: 'error', docs: '', check: () => { throw new Error('boom'); } };
    const ok: Rule = { id: 'title/ok', description: 'reports', defaultSeverity: 'info', docs: '', check: (c) => c.report({ range: { offset: 0, length: 3 }, message: 'ok' }) };
    const problems = lintPost(parsePost(POST, '/s/_posts/2025-01-02-x.md'), { site, rules: [boom, ok], onRuleError: (id) => failures.push(id) });
    assert.deepEqual(failures, ['title/boom']);
    assert.deepEqual(problems.map((p) => p.rule), ['title/ok']);
  });
});
