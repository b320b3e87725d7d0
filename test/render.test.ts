/**
 * The renderer on small posts of our own: kramdown's cases from JEKYLL.md (each seen with Jekyll 4.3.1 here), Liquid
 * (raw, include, unknown tag and filter, syntax error), and the sanitiser against hostile bodies, whose output is
 * read back with parse5 (a browser's HTML parser) to look for anything that could run.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { load } from 'cheerio';
import { renderMarkdown, sanitizeArticle } from '../server/src/core/render';
import { filterInlineStyle } from '../server/src/core/render/inlineStyle';
import { createLanguageService } from '../server/src/core/service';
import { MemoryWorkspace } from '../server/src/core/workspace';
import { runCli } from './helpers/cli';

const NOW = new Date('2026-01-01T00:00:00Z');
const CONFIG = 'name: 外媒报道\nbaseurl: "/waimei"\nurl: https://example.org\npermalink: /:year-:month-:day/:title\n';

async function render(body: string, options: { sanitize?: boolean; files?: Record<string, string>; name?: string } = {}) {
  const workspace = new MemoryWorkspace({ '/site/_config.yml': CONFIG, ...options.files });
  const service = createLanguageService({ workspace, now: () => NOW });
  const text = `---\nlayout: post\ntitle: "Hello \\"World\\""\ndate: 2024-01-15 10:00:00 +0800\n---\n${body}`;
  return service.renderDocument({ path: `/site/_posts/${options.name ?? '2024-01-15-hello.md'}`, text }, { sanitize: options.sanitize ?? false });
}

describe('kramdown cases', () => {
  it('typography outside HTML: smart quotes, dashes, ellipsis, guillemets', () => {
    assert.equal(renderMarkdown(`"q" and 'single' and it's -- en --- em ... dots.`), '<p>“q” and ‘single’ and it’s – en — em … dots.</p>\n');
  });

  it('block HTML passes through unparsed, across blank lines, span HTML is parsed', () => {
    assert.equal(renderMarkdown('<div>"not" -- *touched*\n\n    not code\n</div>\n'), '<div>"not" -- *touched*\n\n    not code\n</div>\n');
    assert.equal(renderMarkdown('<span>"yes" *em*</span>'), '<p><span>“yes” <em>em</em></span></p>\n');
  });

  it('an unclosed block element runs to the end; a stray end tag and a tag kramdown cannot read are text', () => {
    assert.equal(renderMarkdown('<div>a</p>b\n\ntext'), '<div>a&lt;/p&gt;b\n\ntext</div>\n');
    assert.equal(renderMarkdown('<div><img src="x" alt="a" ; title="t"></div>'), '<div>&lt;img src="x" alt="a" ; title="t"></div>\n');
    assert.equal(renderMarkdown('x </div> y'), '<p>x &lt;/div&gt; y</p>\n');
  });

  it('attributes written again as kramdown writes them: a bare & escaped, a reference kept', () => {
    assert.equal(renderMarkdown('<div><img src="a?b=1&amp;c=2&d" alt=\'x\'></div>'), '<div><img src="a?b=1&amp;c=2&amp;d" alt="x" /></div>\n');
  });

  it('setext headings after a blank line get a GFM id; right after the stamp line they do not', () => {
    assert.equal(renderMarkdown('Setext Title 中文 Here!\n------\n'), '<h2 id="setext-title-中文-here">Setext Title 中文 Here!</h2>\n');
    assert.equal(renderMarkdown('<!--NaN-->\n[Title](https://example.org/a)\n------\n'), '<!--NaN-->\n<p><a href="https://example.org/a">Title</a>\n——</p>\n');
    assert.equal(renderMarkdown('<!--1595458338000-->\n\n[Title](u)\n------\n'), '<!--1595458338000-->\n<h2 id="title"><a href="u">Title</a></h2>\n');
  });

  it('ATX heading ids drop punctuation and typographic marks, repeats are numbered', () => {
    assert.equal(renderMarkdown('## ATX "quoted" -- heading\n\n## ATX "quoted" -- heading'), '<h2 id="atx-quoted--heading">ATX “quoted” – heading</h2>\n<h2 id="atx-quoted--heading-1">ATX “quoted” – heading</h2>\n');
  });

  it('a Markdown image always has an alt, taken as written', () => {
    assert.equal(renderMarkdown('![](img/x.png) ![alt "a"](y.png "t")'), '<p><img src="img/x.png" alt="" /> <img src="y.png" alt="alt &quot;a&quot;" title="t" /></p>\n');
  });

  it('soft line breaks stay; a thematic break line does not end a paragraph', () => {
    assert.equal(renderMarkdown('line one\nline two'), '<p>line one\nline two</p>\n');
  });

  it('an entity is not made a smart quote', () => {
    assert.equal(renderMarkdown('a &quot;b&quot; "c"'), '<p>a &quot;b&quot; “c”</p>\n');
  });
});

describe('Liquid', () => {
  it('site and page values, raw, URL filters', async () => {
    const { html } = await render('{% raw %}{{ not }}{% endraw %} {{ page.title }} {{ site.name }} {{ "/x" | relative_url }} {{ "/x" | absolute_url }} {{ page.url }}');
    assert.equal(html, '<p>{{ not }} Hello “World” 外媒报道 /waimei/x https://example.org/waimei/x /2024-01-15/hello</p>\n');
  });

  it('includes from _includes/ with parameters; a missing one is marked', async () => {
    const { html } = await render('{% include inc.html x="X" %}\n\n{% include gone.html %}', { files: { '/site/_includes/inc.html': 'Included {{ include.x }}' } });
    assert.equal(html, '<p>Included X</p>\n<p>⟦include not found: _includes/gone.html⟧</p>\n');
  });

  it('an unknown tag and an unknown filter are shown as such, never fatal', async () => {
    const { html, liquidError } = await render('{% youtube abc %} {{ "t" | shout }}');
    assert.equal(liquidError, undefined);
    assert.equal(html, '<p>⟦unknown Liquid tag: {% youtube abc %}⟧ t⟦unknown Liquid filter: shout⟧</p>\n');
  });

  it('a syntax error renders the body without Liquid under a visible note', async () => {
    const { html, liquidError } = await render('Text {% if %} more');
    assert.ok(liquidError);
    assert.match(html, /^<div class="newsdesk-liquid-error">Liquid error: /);
    assert.match(html, /<p>Text {% if %} more<\/p>/);
  });

  it('Jekyll filters: jsonify, slugify, markdownify, xml_escape, date_to_string', async () => {
    const { html } = await render('{{ "A b!" | slugify }} {{ "a<b" | xml_escape }}\n\n<div>{{ page.title | jsonify }} {{ "*x*" | markdownify }}</div>');
    assert.equal(html, '<p>a-b a&lt;b</p>\n<div>"Hello \\"World\\"" <p><em>x</em></p>\n</div>\n');
  });

  it('an HTML post skips Markdown', async () => {
    const { html, kind } = await render('*not em* "q"', { name: '2024-01-15-hello.html' });
    assert.equal(kind, 'html');
    assert.equal(html, '*not em* "q"');
  });
});

/** Anything in the sanitised HTML that a browser could run or load as a document. */
function dangers(html: string): string[] {
  const $ = load(html);
  const found: string[] = [];
  $('*').each((_, el) => {
    if (el.type !== 'tag' && el.type !== 'script' && el.type !== 'style') return;
    if (['script', 'iframe', 'object', 'embed', 'form', 'base', 'meta', 'style', 'svg', 'math', 'noscript', 'link'].includes(el.name)) found.push(`<${el.name}>`);
    for (const [name, value] of Object.entries(el.attribs as Record<string, string>)) {
      if (name.startsWith('on')) found.push(`${el.name} ${name}`);
      if (/^\s*(?:javascript|vbscript):/i.test(value)) found.push(`${el.name} ${name}=${value}`);
      if (/^\s*data:/i.test(value) && !(el.name === 'img' && name === 'src' && /^data:image\/(?:png|gif|jpe?g|webp|avif);/i.test(value))) found.push(`${el.name} ${name}=data:`);
      if (name === 'style' && /expression|url\s*\(/i.test(value)) found.push(`${el.name} style=${value}`);
    }
  });
  return found;
}

const HOSTILE = [
  '<script>alert(1)</script>',
  '<p onclick="alert(1)">x</p><img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">j</a><a href=" JaVaScRiPt:alert(1)">k</a><a href="java&#x09;script:alert(1)">l</a>',
  '<a href="data:text/html,<script>alert(1)</script>">d</a><img src="data:image/svg+xml;base64,PHN2Zz4=">',
  '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<div style="width: expression(alert(1))">css</div><p style="background:url(javascript:alert(1))">u</p><style>body{background:url(javascript:alert(1))}</style>',
  '<base href="https://evil.example/">',
  '<p title="unclosed <img src=x onerror=alert(1)',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<svg><style><img src=x onerror=alert(1)></style></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="https://evil.example"></iframe><object data="x"></object><embed src="x"><form action="https://evil.example"><input></form>',
  '<template><img src=x onerror=alert(1)></template><textarea><img src=x onerror=alert(1)></textarea>',
  '<img src="x" srcset="javascript:alert(1) 1x">',
  '<!--><img src=x onerror=alert(1)>-->',
];

describe('sanitising for the preview', () => {
  for (const body of HOSTILE) {
    it(`nothing runs: ${body.slice(0, 60)}`, () => {
      const html = sanitizeArticle(body);
      assert.deepEqual(dangers(html), [], html);
    });
  }

  it('scripts, frames, objects and forms become labelled placeholders', () => {
    assert.equal(sanitizeArticle('<p>a</p><script>alert(1)</script>'), '<p>a</p><div class="newsdesk-placeholder" data-newsdesk-removed="script">script removed</div>');
    const $ = load(sanitizeArticle(HOSTILE[12]));
    assert.deepEqual($('.newsdesk-placeholder').toArray().map((el) => $(el).text()), ['embedded frame removed', 'embedded object removed', 'embedded object removed', 'form removed']);
  });

  it('keeps the article: referrerpolicy, alt, raster data: images, links, relative sources', () => {
    const html = sanitizeArticle('<figure><img src="https://i.example/a.jpg" alt="A" referrerpolicy="no-referrer"><figcaption>c</figcaption></figure><img src="data:image/png;base64,iVBORw0KGgo="><a href="/x">x</a><img src="img/r.png">');
    assert.equal(html, '<figure><img src="https://i.example/a.jpg" alt="A" referrerpolicy="no-referrer" /><figcaption>c</figcaption></figure><img src="data:image/png;base64,iVBORw0KGgo=" /><a href="/x">x</a><img src="img/r.png" />');
  });

  it('renderDocument sanitises unless asked not to', async () => {
    assert.equal((await render('<div><script>x()</script></div>', { sanitize: true })).html, '<div><div class="newsdesk-placeholder" data-newsdesk-removed="script">script removed</div></div>\n');
    assert.equal((await render('<div><script>x()</script></div>')).html, '<div><script>x()</script></div>\n');
  });
});

/** Hostile inline styles: whatever a browser makes of the original, the result holds only allowed declarations. */
const HOSTILE_STYLES = [
  'width: expression(alert(1))',
  'color: red; background-color: url(javascript:alert(1))',
  'color: expr/**/ession(alert(1))',
  'color: exp\\72 ession(alert(1))',
  'color: "red; background-color: url(x)"; width: 1px',
  "color: 'unbalanced; background-color: url(x); width: 1px",
  'color: red /* ; background-color: url(x) */',
  'background-color: rgb(1, 2, url(x))',
  'background-color: rgb(1, 2, 3; background-color: url(x))',
  'color: red\\3b background-color: url(x)',
  'color: red; -moz-binding: url(x); behavior: url(x.htc)',
  'color: red}</style><script>alert(1)</script>',
  'color: red; @import url(x); width: 1px',
  'background-color: image-set(url(x) 1x)',
  'width: calc(1px + url(x))',
  'width: var(--x)',
  'background-color: rgb(0 0 0 / url(x))',
  'width: 1px/**/; width: e/**/xpression(alert(1)); width: e//xpression(alert(1))',
];

describe('inline styles, filtered without a CSS parser', () => {
  const allowed = new Set(['color', 'background-color', 'width', 'text-align']);
  const declaration = /^(color|background-color|width|text-align):[\w#%.,+\-/ ]*(?:(?:rgba?|hsla?|calc)\([\w#%.,+\-/ ]*\)[\w#%.,+\-/ ]*)*(?: !important)?$/;

  for (const style of HOSTILE_STYLES) {
    it(`only allowed declarations of plain values: ${style}`, () => {
      const kept = filterInlineStyle(style, allowed);
      for (const part of kept === '' ? [] : kept.split(';')) assert.match(part, declaration, kept);
      assert.doesNotMatch(kept, /url|expression|import|binding|behavior|var\(|[\\"'*{}<>@]/i, kept);
    });
  }

  it('keeps the declarations a browser reads, in the form sanitize-html wrote with postcss', () => {
    assert.equal(filterInlineStyle('color: red; font-family: 宋体;width:  640px ;', allowed), 'color:red;width:640px');
    assert.equal(filterInlineStyle('COLOR: #989898 !IMPORTANT; text-align :center', allowed), 'color:#989898 !important;text-align:center');
    assert.equal(filterInlineStyle('background-color: rgb(227, 18, 11)', allowed), 'background-color:rgb(227, 18, 11)');
    assert.equal(filterInlineStyle('width: calc(100% - 2em)', allowed), 'width:calc(100% - 2em)');
    assert.equal(filterInlineStyle('color: rgb(0 0 0 / 50%); width: calc(100%/3)', allowed), 'color:rgb(0 0 0 / 50%);width:calc(100%/3)');
    assert.equal(filterInlineStyle('width: calc(2*3px); color: red/**/', allowed), '');
  });

  it('splits where a browser does: not inside strings, comments or brackets', () => {
    assert.equal(filterInlineStyle('x: "a;color:blue"; color: red', allowed), 'color:red');
    assert.equal(filterInlineStyle("x: 'a;color:blue; color: red", allowed), '');
    assert.equal(filterInlineStyle('color: red /* ;width: 9px */; width: 1px', allowed), 'width:1px');
    assert.equal(filterInlineStyle('x: f(a;color:blue); color: red', allowed), 'color:red');
  });

  it('reads names and spaces as CSS does: ASCII case only, no-break space is not a space', () => {
    assert.equal(filterInlineStyle('bac\u212Aground-color: red', allowed), '');
    assert.equal(filterInlineStyle('color: red\u00a0', allowed), '');
    assert.equal(filterInlineStyle('color:\n\tred\f', allowed), 'color:red');
  });

  it('on a style attribute in the article, entities decoded first, the attribute kept only with something left', () => {
    assert.equal(sanitizeArticle('<p style="color: red&#59; background-color: url(x)">a</p>'), '<p style="color:red">a</p>');
    assert.equal(sanitizeArticle('<p style="color: &#x22;red;width:1px&quot;">a</p>'), '<p>a</p>');
    assert.equal(sanitizeArticle('<p style="background-color: url(x)" class="c" lang="en">a</p>'), '<p class="c" lang="en">a</p>');
    for (const style of HOSTILE_STYLES) {
      const html = sanitizeArticle(`<p style="${style.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">a</p>`);
      assert.deepEqual(dangers(html), [], html);
      assert.doesNotMatch(load(html)('p').attr('style') ?? '', /url|expression|import|binding|behavior|[\\"'*{}<>@]/i, html);
    }
  });
});

describe('placeholders made in the sanitiser\'s one pass', () => {
  const placeholder = (tag: string, label: string) => `<div class="newsdesk-placeholder" data-newsdesk-removed="${tag}">${label}</div>`;

  it('the text after a placeholder stays (sanitize-html drops it after a removed element given a text)', () => {
    assert.equal(sanitizeArticle('<iframe src="https://v.example"><a href="x">YouTube</a></iframe><p>after: <a href="/l">link</a> tail</p>'), `${placeholder('iframe', 'embedded frame removed')}<p>after: <a href="/l">link</a> tail</p>`);
    assert.equal(sanitizeArticle('a<script>x()</script>b<embed src="x">c'), `a${placeholder('script', 'script removed')}b${placeholder('embed', 'embedded object removed')}c`);
  });

  it('nothing inside a placeholder is shown: fallback content, nested placeholders, text around them', () => {
    assert.equal(sanitizeArticle('<object data="x">fallback <p>para <b>bold</b></p><img src="y.png"><script>s()</script> end</object>z'), `${placeholder('object', 'embedded object removed')}z`);
    assert.equal(sanitizeArticle('<svg><foreignObject><p>in</p><iframe src="x">f</iframe></foreignObject><text>t</text></svg><p>out</p>'), `${placeholder('svg', 'SVG removed')}<p>out</p>`);
    assert.equal(sanitizeArticle('<form action="x"><p>Name <input name="n"></p><button>Send</button></form>'), placeholder('form', 'form removed'));
    // A browser reads an iframe's content as raw text, to the first `</iframe>`: `rest` is after it.
    assert.equal(sanitizeArticle('<iframe><p>one</p><iframe><p>two</p></iframe>rest</iframe>after'), `${placeholder('iframe', 'embedded frame removed')}restafter`);
    assert.equal(sanitizeArticle('<p>a<newsdesk-placeholder-content>b</newsdesk-placeholder-content>c</p>'), '<p>abc</p>');
  });

  it('a placeholder inside a dropped element goes with it; elements are placeheld wherever they stand', () => {
    assert.equal(sanitizeArticle('<noscript><script>x()</script></noscript><p>p</p>'), '<p>p</p>');
    assert.equal(sanitizeArticle('<table><tr><td><math><mi>x</mi></math></td></tr></table>'), `<table><tr><td>${placeholder('math', 'MathML removed')}</td></tr></table>`);
  });

  it('element names that are also names of object properties are ordinary unknown elements', () => {
    assert.equal(sanitizeArticle('<constructor>a</constructor><valueOf>b</valueOf><hasOwnProperty>c</hasOwnProperty>'), 'abc');
  });

  it('the last result serves the same article only', () => {
    const a = '<p onclick="x()">a</p><script>s()</script>';
    const b = '<p onclick="x()">b</p><script>s()</script>';
    assert.equal(sanitizeArticle(a), `<p>a</p>${placeholder('script', 'script removed')}`);
    assert.equal(sanitizeArticle(b), `<p>b</p>${placeholder('script', 'script removed')}`);
    assert.equal(sanitizeArticle(b), `<p>b</p>${placeholder('script', 'script removed')}`);
    assert.equal(sanitizeArticle(a), `<p>a</p>${placeholder('script', 'script removed')}`);
  });

  it('a placeholder written in the post is allowed markup, nothing more', () => {
    const html = sanitizeArticle('<div class="newsdesk-placeholder" data-newsdesk-removed="script" onclick="x()">fake</div>');
    assert.equal(html, placeholder('script', 'fake'));
  });
});

describe('newsdesk render', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-render-cli-'));
  writeFileSync(path.join(dir, '_config.yml'), CONFIG);
  mkdirSync(path.join(dir, '_posts'));
  const post = path.join(dir, '_posts', '2024-01-15-hello.md');
  writeFileSync(post, '---\ntitle: Hi\n---\n"{{ page.title }}"\n\n<div><script>x()</script></div>\n');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the article sanitised, or as Jekyll writes it with --raw', () => {
    const safe = runCli(['render', post]);
    assert.equal(safe.status, 0, safe.stderr);
    assert.equal(safe.stdout, '<p>“Hi”</p>\n<div><div class="newsdesk-placeholder" data-newsdesk-removed="script">script removed</div></div>\n');
    const raw = runCli(['render', '--raw', post]);
    assert.equal(raw.stdout, '<p>“Hi”</p>\n<div><script>x()</script></div>\n');
  });

  it('needs one post; --layout without a layout in the post prints the article alone and says why', () => {
    assert.equal(runCli(['render']).status, 2);
    assert.equal(runCli(['render', '--bogus', post]).status, 2);
    const layout = runCli(['render', '--layout', post]);
    assert.equal(layout.status, 0, layout.stderr);
    assert.equal(layout.stdout, '<p>“Hi”</p>\n<div><div class="newsdesk-placeholder" data-newsdesk-removed="script">script removed</div></div>\n');
    assert.match(layout.stderr, /The post names no layout/);
  });
});
