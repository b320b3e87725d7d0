/** A new post: Jekyll's slug, the file name, the front matter text, the site's settings, and the checker's verdict. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseFrontMatter } from '../server/src/core/frontMatter';
import { newPost, postSlug, readNewPostSite, yamlDoubleQuoted, MAX_SLUG_BYTES, type NewPostSite } from '../server/src/core/newPost';
import { createLanguageService } from '../server/src/core/service';
import { RULE_CATALOG } from '../server/src/core/rules';
import { DEFAULT_REQUIRED, parseConfig, readNewsdeskSettings } from '../server/src/core/site';
import { MemoryWorkspace } from '../server/src/core/workspace';
import { onPath } from './helpers/commands';

/** 2024-01-15 01:30:00 UTC: 09:30 in Shanghai, still the 14th in New York. */
const NOW = new Date('2024-01-15T01:30:00Z');
const SHANGHAI: NewPostSite = { timezone: 'Asia/Shanghai', required: DEFAULT_REQUIRED };

/** Titles that break naive YAML, and what people type into a newsroom's editor. */
export const HOSTILE_TITLES = [
  '美中外长通话：讨论 维持沟通',
  'He said "no" — and left',
  "It's 'quoted'",
  'Breaking: storm closes harbour',
  'key: value: more',
  '# not a comment',
  'Price #1 in town',
  '- a list item?',
  '? a key',
  '[not] {a} flow',
  '&anchor and *alias',
  '!tag value',
  '| literal',
  '> folded',
  '%YAML directive',
  '@user `code`',
  'yes',
  'null',
  '~',
  '~ tilde',
  '123',
  '0x1F',
  '2024-01-15',
  '1:30',
  'back\\slash \\n not a newline',
  'tab\there',
  'line\u2028separator\u2029para',
  'next\u0085line',
  'bell\u0007 and del\u007f',
  '{{ page.title }} {% raw %}',
  'emoji 📰 and 𝒳',
  '   spaced   ',
  '--- three dashes',
  '...',
  '... and more',
  '"',
  "'",
  '臺灣 選舉：「結果」揭曉？',
];

describe('new post: slug and file name', () => {
  it('slugifies as Jekyll does for post names (a Chinese title keeps its characters)', () => {
    assert.equal(postSlug('美中外长通话：讨论 维持沟通'), '美中外长通话-讨论-维持沟通');
    assert.equal(postSlug('Hello, World!'), 'hello-world');
    assert.equal(postSlug("C'est l'été"), 'c-est-l-été');
    assert.equal(postSlug('  --Storm closes harbour--  '), 'storm-closes-harbour');
    assert.equal(postSlug('Version 2.0 released'), 'version-2-0-released');
    assert.equal(postSlug('Ünïcode ÇAPS'), 'ünïcode-çaps');
  });

  it('keeps a long title’s name under the file-name limit, cut at a hyphen', () => {
    const slug = postSlug('word '.repeat(100));
    assert.ok(Buffer.byteLength(slug) <= MAX_SLUG_BYTES && !slug.endsWith('-') && slug.startsWith('word-word'), slug);
    const chinese = postSlug('长'.repeat(200));
    assert.equal(chinese, '长'.repeat(Math.floor(MAX_SLUG_BYTES / 3)));
  });

  it('names the file after the day in the site’s zone', () => {
    const made = newPost({ title: '美中外长通话：讨论 维持沟通', now: NOW, site: SHANGHAI });
    assert.ok(made.ok);
    assert.equal(made.path, '_posts/2024-01-15-美中外长通话-讨论-维持沟通.md');
    const ny = newPost({ title: 'x', now: NOW, site: { ...SHANGHAI, timezone: 'America/New_York' } });
    assert.ok(ny.ok);
    assert.equal(ny.path, '_posts/2024-01-14-x.md');
    assert.equal(ny.date, '2024-01-14 20:30:00 -0500');
  });
});

describe('new post: front matter', () => {
  it('writes layout, the quoted title, the date in the site’s zone and the required keys, empty', () => {
    const made = newPost({ title: 'Breaking: "storm" # 1', now: NOW, site: SHANGHAI });
    assert.ok(made.ok);
    assert.equal(made.text, '---\nlayout: post\ntitle: "Breaking: \\"storm\\" # 1"\ndate: 2024-01-15 09:30:00 +0800\nauthor:\nfrom:\ntags:\n---\n\n');
  });

  it('takes the required keys and the layout of `defaults:` from the site', () => {
    const made = newPost({ title: 'x', now: NOW, site: { timezone: 'UTC', required: ['title', 'byline', 'source url'], defaultLayout: 'article' } });
    assert.ok(made.ok);
    assert.equal(made.text, '---\nlayout: article\ntitle: "x"\ndate: 2024-01-15 01:30:00 +0000\nbyline:\n"source url":\n---\n\n');
  });

  it('with --date, dates the post that day at the current time of day, with the offset of that day', () => {
    const made = newPost({ title: 'x', now: NOW, date: '2023-07-01', site: { ...SHANGHAI, timezone: 'Europe/Berlin' } });
    assert.ok(made.ok);
    assert.equal(made.path, '_posts/2023-07-01-x.md');
    assert.equal(made.date, '2023-07-01 02:30:00 +0200');
  });

  it('refuses an empty title, a title with no word, a day that does not exist and a zone that is not one', () => {
    const refused = (result: ReturnType<typeof newPost>) => (result.ok ? assert.fail('made a post') : result.message);
    assert.match(refused(newPost({ title: '  ', now: NOW, site: SHANGHAI })), /title is empty/);
    assert.match(refused(newPost({ title: '！？…', now: NOW, site: SHANGHAI })), /no letter or digit/);
    assert.match(refused(newPost({ title: 'x', date: '2024-02-30', now: NOW, site: SHANGHAI })), /'2024-02-30' is not a day/);
    assert.match(refused(newPost({ title: 'x', date: '15/01/2024', now: NOW, site: SHANGHAI })), /YYYY-MM-DD/);
    assert.match(refused(newPost({ title: 'x', now: NOW, site: { ...SHANGHAI, timezone: 'Mars/Olympus' } })), /'Mars\/Olympus'.*not a time zone/);
  });

  it('quotes every title so that the front matter reader (Psych) reads it back exactly', () => {
    for (const title of HOSTILE_TITLES) {
      const fm = parseFrontMatter(`---\ntitle: ${yamlDoubleQuoted(title)}\n---\n`);
      assert.deepEqual(fm?.syntaxErrors, [], title);
      assert.deepEqual(fm?.get('title')?.value, { kind: 'string', value: title }, JSON.stringify(title));
      assert.ok(!/[\n\r\u0085\u2028\u2029]/.test(yamlDoubleQuoted(title)), `one line for ${JSON.stringify(title)}`);
    }
    // UTF-8 cannot hold a lone surrogate: it is written as U+FFFD, as any UTF-8 writer would.
    assert.equal(yamlDoubleQuoted('a\ud800b'), '"a\ufffdb"');
  });
});

describe('new post: template', () => {
  const template = (text: string) => ({ path: '_templates/post.md', text });

  it('sets title and date in the template, keeps its other fields and body, adds the required keys it lacks', () => {
    const made = newPost({
      title: 'A: b',
      now: NOW,
      site: SHANGHAI,
      template: template('---\nlayout: news\ntitle: TITLE\ncategories: [world]\ntags:\n  - draft\n---\n\n<p class="lead"></p>\n'),
    });
    assert.ok(made.ok);
    assert.equal(made.text, '---\nlayout: news\ntitle: "A: b"\ndate: 2024-01-15 09:30:00 +0800\ncategories: [world]\ntags:\n  - draft\nauthor:\nfrom:\n---\n\n<p class="lead"></p>\n');
  });

  it('replaces a multi-line title and drops its duplicates; without front matter, the template is the body', () => {
    const multi = newPost({ title: 'x', now: NOW, site: { required: [], timezone: 'UTC' }, template: template('---\ntitle: >\n  folded\n  title\ndate: 2000-01-01\ntitle: again\n---\nbody\n') });
    assert.ok(multi.ok);
    assert.equal(multi.text, '---\ntitle: "x"\ndate: 2024-01-15 01:30:00 +0000\n---\nbody\n');
    const bodyOnly = newPost({ title: 'x', now: NOW, site: { required: ['from'], timezone: 'UTC' }, template: template('Body {{ page.title }}\n') });
    assert.ok(bodyOnly.ok);
    assert.equal(bodyOnly.text, '---\nlayout: post\ntitle: "x"\ndate: 2024-01-15 01:30:00 +0000\nfrom:\n---\nBody {{ page.title }}\n');
  });

  it('refuses a template whose front matter Jekyll could not read', () => {
    const broken = newPost({ title: 'x', now: NOW, site: SHANGHAI, template: template('---\ntitle: [oops\n---\n') });
    assert.ok(!broken.ok);
    assert.match(broken.message, /_templates\/post\.md .* cannot be used/);
    const unclosed = newPost({ title: 'x', now: NOW, site: SHANGHAI, template: template('---\ntitle: x\n') });
    assert.ok(!unclosed.ok);
    assert.match(unclosed.message, /no closing `---` line/);
  });
});

describe('new post: site settings from _config.yml', () => {
  it('reads timezone, newsdesk.required and newsdesk.new_post_template', () => {
    assert.deepEqual(readNewPostSite('timezone: Asia/Shanghai\nnewsdesk:\n  required: [title, byline]\n  new_post_template: _templates/post.md\n'), {
      timezone: 'Asia/Shanghai',
      defaultLayout: undefined,
      required: ['title', 'byline'],
      template: '_templates/post.md',
    });
    assert.deepEqual(readNewPostSite('title: [broken\n'), { required: DEFAULT_REQUIRED });
    assert.deepEqual(readNewPostSite('newsdesk:\n  required: title\n').required, DEFAULT_REQUIRED);
  });

  it('the config check knows newsdesk.new_post_template and says when it is not a path', () => {
    const problems = (text: string) => readNewsdeskSettings(parseConfig('/s/_config.yml', text).doc, RULE_CATALOG).problems.map((p) => p.message);
    assert.deepEqual(problems('newsdesk:\n  new_post_template: _templates/post.md\n'), []);
    assert.match(problems('newsdesk:\n  new_post_template: [a]\n')[0], /must be the path of a post template/);
    assert.match(problems('newsdesk:\n  new_post_templat: x\n')[0], /Did you mean 'new_post_template'\?/);
  });

  it('takes the layout that `defaults:` gives posts, as Jekyll merges the sets', () => {
    const layout = (defaults: string) => readNewPostSite(`defaults:\n${defaults}`).defaultLayout;
    assert.equal(layout('  - scope: {path: ""}\n    values: {layout: default}\n'), 'default');
    assert.equal(layout('  - scope: {path: "", type: posts}\n    values: {layout: article}\n  - scope: {path: ""}\n    values: {layout: page}\n'), 'article');
    assert.equal(layout('  - scope: {path: "", type: pages}\n    values: {layout: page}\n'), undefined);
    assert.equal(layout('  - scope: {path: "news"}\n    values: {layout: page}\n'), undefined);
    assert.equal(layout('  - scope: {path: ""}\n    values: {layout: a}\n  - scope: {path: "_posts"}\n    values: {layout: b}\n  - scope: {path: ""}\n    values: {layout: c}\n'), 'b');
    assert.equal(layout('  - values: {layout: all}\n'), 'all');
  });
});

describe('new post: the checker accepts what it makes', () => {
  it('posts with hostile titles: no front-matter, date or filename problem, and the title reads back as given', async () => {
    const workspace = new MemoryWorkspace({ '/s/_config.yml': 'title: S\ntimezone: Asia/Shanghai\n', '/s/_layouts/post.html': '{{ content }}' });
    const service = createLanguageService({ workspace, now: () => NOW });
    const site = readNewPostSite((await workspace.readFile('/s/_config.yml')) as string);
    for (const title of HOSTILE_TITLES) {
      const made = newPost({ title, now: NOW, site });
      if (postSlug(title) === '') {
        // Nothing to name the file after: refused, nothing written.
        assert.ok(!made.ok, title);
        continue;
      }
      assert.ok(made.ok, `${JSON.stringify(title)}: ${made.ok ? '' : made.message}`);
      const result = await service.checkDocument({ path: `/s/${made.path}`, text: made.text });
      assert.equal(result.kind, 'post', made.path);
      const bad = result.problems.filter((p) => /^(front-matter|date|filename|file)\//.test(p.rule));
      assert.deepEqual(bad.map((p) => `${p.rule}: ${p.message}`), [], `${JSON.stringify(title)} → ${made.path}`);
      assert.deepEqual(parseFrontMatter(made.text)?.get('title')?.value, { kind: 'string', value: title });
    }
  });
});


describe('new post: the real Jekyll agrees (when jekyll is on PATH)', () => {
  it('Jekyll::Utils.slugify gives the same slugs, and a built site reads every title back as typed', (t) => {
    if (!onPath('jekyll') || !onPath('ruby')) {
      t.skip('jekyll is not on PATH (apt-get install -y --no-install-recommends jekyll)');
      return;
    }
    const titles = HOSTILE_TITLES.filter((title) => postSlug(title) !== '');
    const ruby = spawnSync('ruby', ['-rjekyll', '-rjson', '-e', 'puts JSON.generate(JSON.parse(STDIN.read).map { |t| Jekyll::Utils.slugify(t) })'], {
      input: JSON.stringify(titles),
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(ruby.status, 0, ruby.stderr);
    assert.deepEqual(titles.map(postSlug), JSON.parse(ruby.stdout) as string[]);

    const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-new-post-'));
    try {
      writeFileSync(path.join(root, '_config.yml'), 'title: S\ntimezone: Asia/Shanghai\n');
      mkdirSync(path.join(root, '_layouts'));
      writeFileSync(path.join(root, '_layouts', 'post.html'), '{{ page.path | jsonify }}\n{{ page.title | jsonify }}\n{{ page.date | date: "%Y-%m-%d %H:%M:%S %z" | jsonify }}\n');
      mkdirSync(path.join(root, '_posts'));
      const site = readNewPostSite(readFileSync(path.join(root, '_config.yml'), 'utf8'));
      const wanted = new Map<string, { title: string; date: string }>();
      for (const title of titles) {
        const made = newPost({ title, now: NOW, site });
        assert.ok(made.ok);
        writeFileSync(path.join(root, made.path), made.text);
        wanted.set(made.path, { title, date: made.date });
      }
      const build = spawnSync('jekyll', ['build', '--quiet', '--source', root, '--destination', path.join(root, '_site')], { encoding: 'utf8', timeout: 120_000 });
      assert.equal(build.status, 0, `${build.stderr}${build.stdout}`);
      assert.equal(build.stderr.trim(), '', 'no warning from Jekyll');
      const pages = (readdirSync(path.join(root, '_site'), { recursive: true }) as string[]).filter((name) => name.endsWith('.html'));
      const got = new Map(pages.map((page) => {
        const [file, title, date] = readFileSync(path.join(root, '_site', page), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string);
        return [file, { title, date }];
      }));
      assert.deepEqual(got, wanted);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
