/**
 * The post inside the site's layouts (`renderDocument(..., { layout: true })`, `newsdesk render --layout`): small
 * sites of our own in memory. The chain's behaviour (merge order of `layout`, `page.content`, cycles, missing layouts,
 * defaults) is what Jekyll 4.3.1 gave for the same files here; with `jekyll` on PATH the last test builds one of them
 * and compares the whole page.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { unsafeCssReason } from '../server/src/core/render/layout';
import { createLanguageService, type RenderResult } from '../server/src/core/service';
import { MemoryWorkspace } from '../server/src/core/workspace';
import { runCli } from './helpers/cli';

const NOW = new Date('2026-01-01T00:00:00Z');
const CONFIG = 'title: Harbour News\nbaseurl: "/news"\npermalink: /:year/:month/:day/:title:output_ext\n';

const DEFAULT = `---
kind: outer
shared: from-default
---
<!DOCTYPE html>
<html><head><title>{{ page.title }}</title>
<link rel="stylesheet" href="{{ site.baseurl }}/assets/main.css">
<link rel="stylesheet" href="{{ '/assets/extra.css' | relative_url }}">
</head>
<body class="site {{ layout.kind }}">[{{ layout.kind }}|{{ layout.shared }}|{{ layout.inner }}]
{{ content }}
<script>track()</script>
</body></html>
`;

const POST_LAYOUT = `---
layout: default
kind: inner
inner: yes
shared: from-post
---
<article><h1>{{ page.title }}</h1><p class="len">{{ page.content | size }}</p>
{{ content }}</article>
`;

const POST = '---\nlayout: post\ntitle: Storm\n---\nBody {{ layout.kind }} *x*\n';

function site(files: Record<string, string> = {}, config = CONFIG): MemoryWorkspace {
  return new MemoryWorkspace({
    '/site/_config.yml': config,
    '/site/_layouts/default.html': DEFAULT,
    '/site/_layouts/post.html': POST_LAYOUT,
    '/site/assets/main.css': 'body { color: #222; }\n',
    '/site/assets/extra.css': '.site { margin: 0; }\n',
    ...files,
  });
}

async function render(workspace: MemoryWorkspace, text = POST, options: { sanitize?: boolean; name?: string } = {}): Promise<RenderResult> {
  const service = createLanguageService({ workspace, now: () => NOW });
  return service.renderDocument({ path: `/site/_posts/${options.name ?? '2024-01-15-storm.md'}`, text }, { sanitize: options.sanitize ?? true, layout: true });
}

describe('the layout chain', () => {
  it('places the article in post.html, then default.html: content, page.title, page.content, layout merged inner-first', async () => {
    const result = await render(site(), POST, { sanitize: false });
    assert.equal(
      result.html,
      `<!DOCTYPE html>
<html><head><title>Storm</title>
<link rel="stylesheet" href="/news/assets/main.css">
<link rel="stylesheet" href="/news/assets/extra.css">
</head>
<body class="site inner">[inner|from-post|true]
<article><h1>Storm</h1><p class="len">29</p>
<p>Body inner <em>x</em></p>
</article>

<script>track()</script>
</body></html>
`,
    );
    assert.deepEqual(result.layout?.chain, ['/site/_layouts/post.html', '/site/_layouts/default.html']);
  });

  it('gives the preview the body, sanitised: the layout\'s script is a placeholder, the body class is kept', async () => {
    const result = await render(site());
    assert.equal(
      result.html,
      `[inner|from-post|true]
<article><h1>Storm</h1><p class="len">29</p>
<p>Body inner <em>x</em></p>
</article>

<div class="newsdesk-placeholder" data-newsdesk-removed="script">script removed</div>
`,
    );
    assert.equal(result.layout?.bodyClass, 'site inner');
    assert.doesNotMatch(result.html, /<script|<title|<link/);
    assert.equal(result.layout?.referrer, undefined);
  });

  it('passes on the referrer policy the layout sets, when it is a valid one', async () => {
    const withMeta = (content: string) => site({ '/site/_layouts/default.html': DEFAULT.replace('<head>', `<head><meta name="Referrer" content="${content}">`) });
    assert.equal((await render(withMeta('Strict-Origin-When-Cross-Origin'))).layout?.referrer, 'strict-origin-when-cross-origin');
    assert.equal((await render(withMeta('always'))).layout?.referrer, undefined);
  });

  it('resolves stylesheets under the baseurl ({{ site.baseurl }} and relative_url) to the source files', async () => {
    const result = await render(site());
    assert.deepEqual(result.layout?.stylesheets, ['/site/assets/main.css', '/site/assets/extra.css']);
    assert.deepEqual(result.layout?.notes, []);
  });

  it('a missing layout: the article alone, with a visible note naming the file (none in the raw page, as Jekyll writes it)', async () => {
    const text = '---\nlayout: story\ntitle: Storm\n---\nBody\n';
    const safe = await render(site(), text);
    const note = "The layout 'story' does not exist: there is no file _layouts/story.* in the site. Jekyll warns (Layout 'story' requested in _posts/2024-01-15-storm.md does not exist) and publishes the article alone, with no layout.";
    assert.equal(safe.html, `<div class="newsdesk-layout-note">${note}</div>\n<p>Body</p>\n`);
    assert.deepEqual(safe.layout, { chain: [], stylesheets: [], styles: [], notes: [note] });
    assert.equal((await render(site(), text, { sanitize: false })).html, '<p>Body</p>\n');
  });

  it('with a theme, says that the theme may have the layout but its layouts are not available', async () => {
    const result = await render(site({}, CONFIG + 'theme: minima\n'), '---\nlayout: home\n---\nBody\n');
    assert.match(result.layout?.notes[0] ?? '', /The site's theme 'minima' may provide it, but a theme's layouts \(a gem\) are not available to newsdesk\./);
    assert.match(result.html, /newsdesk-layout-note/);
  });

  it('names the layout without its extension when the post wrote one', async () => {
    const result = await render(site(), '---\nlayout: post.html\n---\nBody\n');
    assert.match(result.layout?.notes[0] ?? '', /Jekyll names layouts without their extension: write 'post'\./);
  });

  it('uses each layout once: a cycle stops where it comes back, as Jekyll does', async () => {
    const workspace = site({ '/site/_layouts/a.html': '---\nlayout: b\n---\nA[{{ content }}]', '/site/_layouts/b.html': '---\nlayout: a\n---\nB[{{ content }}]' });
    const result = await render(workspace, '---\nlayout: a\n---\nBody\n', { sanitize: false });
    assert.equal(result.html, 'B[A[<p>Body</p>\n]]');
    assert.deepEqual(result.layout?.chain, ['/site/_layouts/a.html', '/site/_layouts/b.html']);
    assert.match(result.layout?.notes[0] ?? '', /_layouts\/b\.html extends the layout 'a', which this page already went through/);
  });

  it('a layout extending a missing one ends the chain there, with a note (Jekyll is silent)', async () => {
    const result = await render(site({ '/site/_layouts/orphan.html': '---\nlayout: nowhere\n---\nO[{{ content }}]' }), '---\nlayout: orphan\n---\nBody\n', { sanitize: false });
    assert.equal(result.html, 'O[<p>Body</p>\n]');
    assert.match(result.layout?.notes[0] ?? '', /extends the layout 'nowhere', which does not exist/);
  });

  it('layout: none, layout: null and no layout give the article alone, without a visible note', async () => {
    for (const head of ['layout: none\n', 'layout: null\n', 'layout:\n', '']) {
      const result = await render(site(), `---\n${head}title: T\n---\nBody\n`);
      assert.equal(result.html, '<p>Body</p>\n', head);
      assert.deepEqual(result.layout?.chain, [], head);
      assert.equal(result.layout?.notes.length, 1, head);
    }
  });

  it('front-matter defaults give the layout when the post has none or null; the longer path wins', async () => {
    const config = `${CONFIG}defaults:\n  - scope: { path: "", type: posts }\n    values: { layout: default }\n  - scope: { path: "_posts/sub" }\n    values: { layout: post }\n`;
    const plain = await render(site({}, config), '---\ntitle: T\n---\nBody\n');
    assert.deepEqual(plain.layout?.chain, ['/site/_layouts/default.html']);
    const nullLayout = await render(site({}, config), '---\nlayout: null\n---\nBody\n');
    assert.deepEqual(nullLayout.layout?.chain, ['/site/_layouts/default.html']);
    const sub = await render(site({}, config), '---\ntitle: T\n---\nBody\n', { name: 'sub/2024-01-15-t.md' });
    assert.deepEqual(sub.layout?.chain, ['/site/_layouts/post.html', '/site/_layouts/default.html']);
    const none = await render(site({}, config), '---\nlayout: none\n---\nBody\n');
    assert.deepEqual(none.layout?.chain, []);
  });

  it('reads the layouts through the workspace each time (an unsaved layout counts) and runs includes in them', async () => {
    const workspace = site({ '/site/_includes/masthead.html': '<header>{{ site.title }}</header>' });
    const service = createLanguageService({ workspace, now: () => NOW });
    const doc = { path: '/site/_posts/2024-01-15-storm.md', text: POST };
    assert.match((await service.renderDocument(doc, { layout: true })).html, /<article><h1>Storm<\/h1>/);
    workspace.set('/site/_layouts/post.html', '---\nlayout: default\n---\n{% include masthead.html %}<main>{{ content }}</main>');
    const changed = await service.renderDocument(doc, { layout: true });
    assert.match(changed.html, /<header>Harbour News<\/header><main><p>Body  <em>x<\/em><\/p>\n<\/main>/);
  });

  it('a Liquid error in a layout: that layout and the outer ones are left off, with a note, and it is reported', async () => {
    const result = await render(site({ '/site/_layouts/default.html': '---\n---\n<body>{% if %}{{ content }}</body>' }));
    assert.match(result.layout?.liquidError ?? '', /^_layouts\/default\.html: /);
    assert.deepEqual(result.layout?.chain, ['/site/_layouts/post.html']);
    assert.match(result.html, /^<div class="newsdesk-layout-note">Liquid error in _layouts\/default\.html: .*Jekyll stops the build on it/);
    assert.match(result.html, /<article><h1>Storm<\/h1>/);
  });

  it('a layout without front matter, or whose front matter is never closed, is all template', async () => {
    const result = await render(site({ '/site/_layouts/post.html': '<div>{{ content }}</div>', '/site/_layouts/open.html': '---\nlayout: default\n<p>{{ content }}</p>' }), POST, { sanitize: false });
    assert.equal(result.html, '<div><p>Body  <em>x</em></p>\n</div>');
    const open = await render(site({ '/site/_layouts/open.html': '---\nlayout: default\n<p>{{ content }}</p>' }), '---\nlayout: open\n---\nB\n', { sanitize: false });
    assert.equal(open.html, '---\nlayout: default\n<p><p>B</p>\n</p>');
  });
});

describe('the site\'s styles', () => {
  const withHead = (head: string) => ({ '/site/_layouts/default.html': `---\n---\n<html><head>${head}</head><body>{{ content }}</body></html>` });

  it('reports Sass, remote, front-matter CSS, missing files and addresses outside the baseurl, and loads none of them', async () => {
    const result = await render(
      site({
        ...withHead(
          [
            '<link rel="stylesheet" href="{{ site.baseurl }}/assets/main.css">',
            '<link rel="stylesheet" href="/news/css/site.css">',
            '<link rel="stylesheet" href="https://fonts.example.com/css?family=X">',
            '<link rel="stylesheet" href="//cdn.example.com/x.css">',
            '<link rel="stylesheet" href="/news/assets/liquid.css">',
            '<link rel="stylesheet" href="/news/assets/gone.css">',
            '<link rel="stylesheet" href="/assets/main.css">',
            '<link rel="stylesheet" href="/news/assets/print.css" media="print">',
            '<link rel="alternate stylesheet" href="/news/assets/alt.css">',
            '<link rel="icon" href="/news/favicon.ico">',
          ].join('\n'),
        ),
        '/site/css/site.scss': '---\n---\n@import "base";\n',
        '/site/assets/liquid.css': '---\n---\nbody { color: {{ site.color }}; }\n',
        '/site/assets/print.css': 'body { color: black; }\n',
      }),
    );
    assert.deepEqual(result.layout?.stylesheets, ['/site/assets/main.css']);
    assert.deepEqual(result.layout?.notes, [
      "The stylesheet /news/css/site.css is compiled by Jekyll from css/site.scss (Sass); the preview does not compile Sass, so those styles are left out.",
      "The stylesheet https://fonts.example.com/css?family=X is not loaded: the preview loads only the site's own files, never remote ones.",
      "The stylesheet //cdn.example.com/x.css is not loaded: the preview loads only the site's own files, never remote ones.",
      'The stylesheet /assets/liquid.css has front matter, so Jekyll runs it through Liquid before publishing it; the preview does not, and does not load it.',
      "The stylesheet /news/assets/gone.css is not in the site's source (assets/gone.css); a plugin may make it at build time. It is not loaded.",
      "The stylesheet /assets/main.css is outside the site's baseurl (/news): the published page would not find it there either (write it with {{ site.baseurl }} or relative_url).",
      "The stylesheet /news/assets/print.css is for media 'print': not used in the preview.",
    ]);
  });

  it('a relative stylesheet is read against the post\'s URL; one in an unpublished folder is not loaded', async () => {
    const result = await render(
      site({
        ...withHead('<link rel="stylesheet" href="local.css"><link rel="stylesheet" href="{{ site.baseurl }}/_sass/x.css">'),
        '/site/2024/01/15/local.css': 'p { margin: 0; }\n',
        '/site/_sass/x.css': 'p { margin: 0; }\n',
      }),
    );
    assert.deepEqual(result.layout?.stylesheets, ['/site/2024/01/15/local.css']);
    assert.match(result.layout?.notes[0] ?? '', /^The stylesheet \/news\/_sass\/x\.css is not published: Jekyll does not copy folders whose names start with _/);
  });

  it('keeps inline styles that can load nothing and leaves out the others', async () => {
    const result = await render(
      site(
        withHead(
          [
            '<style>body { font: 16px serif; scroll-behavior: smooth; }</style>',
            '<style>body { background: url(https://t.example/x.png); }</style>',
            '<style>@import "x.css";</style>',
            '<style>p { content: "\\75 rl(x)"; }</style>',
          ].join(''),
        ),
      ),
    );
    assert.deepEqual(result.layout?.styles, ['body { font: 16px serif; scroll-behavior: smooth; }']);
    assert.deepEqual(
      result.layout?.notes.map((note) => note.replace(/:.*/, '')),
      ['Inline <style> number 2 of the layout is left out', 'Inline <style> number 3 of the layout is left out', 'Inline <style> number 4 of the layout is left out'],
    );
  });

  it('the CSS check refuses every way to load or run something, and nothing else', () => {
    for (const css of ['a{background:url(x)}', 'a{background:URL (x)}', '@import url(x);', 'a{b:expression(alert(1))}', 'a{behavior:url(x.htc)}', 'a{-moz-binding:x}', 'a{b:image-set("x.png" 1x)}', 'a{b:src("x")}', 'a{b:"\\75"}', '</style><script>', 'a{b:javascript:x}']) {
      assert.notEqual(unsafeCssReason(css), undefined, css);
    }
    for (const css of ['a{color:red}', 'html{scroll-behavior:smooth;overscroll-behavior:none}', '@media (max-width: 600px){a{margin:0}}', 'a::after{content:"→"}']) {
      assert.equal(unsafeCssReason(css), undefined, css);
    }
  });

  it('takes the local images of the layout too', async () => {
    const result = await render(site({ ...withHead(''), '/site/_layouts/post.html': '---\nlayout: default\n---\n<img src="{{ site.baseurl }}/images/logo.png" alt="Logo">{{ content }}' }));
    assert.deepEqual(result.localImages, { '/news/images/logo.png': '/site/images/logo.png' });
  });
});

describe('newsdesk render --layout', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-render-layout-'));
  for (const [file, text] of Object.entries({ '_config.yml': CONFIG, '_layouts/default.html': DEFAULT, '_layouts/post.html': POST_LAYOUT, 'assets/main.css': 'body{}\n', 'assets/extra.scss': '---\n---\n' })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  mkdirSync(path.join(dir, '_posts'));
  const post = path.join(dir, '_posts', '2024-01-15-storm.md');
  writeFileSync(post, POST);
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the body sanitised, the layouts, stylesheets and notes on stderr; --raw prints the whole page', () => {
    const safe = runCli(['render', '--layout', post], dir);
    assert.equal(safe.status, 0, safe.stderr);
    assert.match(safe.stdout, /^\[inner\|from-post\|true\]\n<article><h1>Storm<\/h1>/);
    assert.match(safe.stdout, /data-newsdesk-removed="script"/);
    assert.doesNotMatch(safe.stdout, /<script|<head/);
    const rel = path.join('_posts', '2024-01-15-storm.md');
    assert.equal(
      safe.stderr,
      [
        `newsdesk: ${post}: layouts: ${path.join('_layouts', 'post.html')} < ${path.join('_layouts', 'default.html')}`,
        `newsdesk: ${post}: stylesheet: ${path.join('assets', 'main.css')}`,
        `newsdesk: ${post}: The stylesheet /news/assets/extra.css is compiled by Jekyll from assets/extra.scss (Sass); the preview does not compile Sass, so those styles are left out.`,
        '',
      ].join('\n'),
      rel,
    );
    const raw = runCli(['render', '--raw', '--layout', post], dir);
    assert.equal(raw.status, 0, raw.stderr);
    assert.match(raw.stdout, /^<!DOCTYPE html>\n<html><head><title>Storm<\/title>/);
    assert.match(raw.stdout, /<script>track\(\)<\/script>/);
  });

  it('exits 1 on a Liquid error in a layout, the page still printed', () => {
    const broken = path.join(dir, '_posts', '2024-01-16-broken.md');
    writeFileSync(path.join(dir, '_layouts', 'broken.html'), '---\n---\n<body>{% if %}</body>');
    writeFileSync(broken, '---\nlayout: broken\n---\nText\n');
    const result = runCli(['render', '--layout', broken], dir);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /<p>Text<\/p>/);
    assert.match(result.stderr, /Liquid error in _layouts\/broken\.html/);
  });
});

const haveJekyll = spawnSync('jekyll', ['--version'], { encoding: 'utf8' }).status === 0;

describe('the layout chain against Jekyll', { skip: haveJekyll ? false : 'jekyll is not on PATH (apt-get install jekyll): the pages are not compared with a real build' }, () => {
  it('prints the page Jekyll 4.3 writes to _site, byte for byte', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-jekyll-layout-'));
    try {
      const files: Record<string, string> = {
        '_config.yml': CONFIG + 'defaults:\n  - scope: { path: "_posts/sub" }\n    values: { layout: post }\n',
        '_layouts/default.html': DEFAULT,
        '_layouts/post.html': POST_LAYOUT,
        '_layouts/a.html': '---\nlayout: b\n---\nA[{{ content }}]',
        '_layouts/b.html': '---\nlayout: a\n---\nB[{{ layout.x }}{{ content }}]',
        '_includes/by.html': '<p class="by">{{ include.who }}</p>',
        '_posts/2024-01-15-storm.md': POST,
        '_posts/2024-01-16-cycle.md': '---\nlayout: a\ntitle: C\n---\n"Quoted" -- text\n',
        '_posts/2024-01-17-missing.md': '---\nlayout: story\n---\nAlone\n',
        '_posts/sub/2024-01-18-sub.md': '---\ntitle: Sub\n---\n{% include by.html who="Desk" %}\n',
      };
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      }
      const build = spawnSync('jekyll', ['build', '--quiet', '--source', dir, '--destination', path.join(dir, '_site')], { encoding: 'utf8', timeout: 120_000 });
      assert.equal(build.status, 0, build.stderr);
      const pages: Record<string, string> = {
        '_posts/2024-01-15-storm.md': '2024/01/15/storm.html',
        '_posts/2024-01-16-cycle.md': '2024/01/16/cycle.html',
        '_posts/2024-01-17-missing.md': '2024/01/17/missing.html',
        '_posts/sub/2024-01-18-sub.md': '2024/01/18/sub.html',
      };
      for (const [post, page] of Object.entries(pages)) {
        const ours = runCli(['render', '--raw', '--layout', path.join(dir, post)], dir);
        assert.equal(ours.stdout, readFileSync(path.join(dir, '_site', page), 'utf8').replace(/\n?$/, '\n'), post);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
