/**
 * The preview's navigation marks (server/src/core/render/sourceLines.ts): `data-line` on the blocks of the rendered
 * article and the body model's image index on each image, for scroll sync, the double-click reveal and problems
 * shown on their element. The marks only add attributes; the faithful render never has them.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { annotateHtml, liquidLineMap, linesOf } from '../server/src/core/render/sourceLines';
import { createLanguageService } from '../server/src/core/service';
import { MemoryWorkspace } from '../server/src/core/workspace';
import { prng } from './helpers/hostile';

const NOW = new Date('2026-01-01T00:00:00Z');
const HEAD = '---\ntitle: Lines\ndate: 2024-01-15 10:00:00 +0800\n---\n';
/** The document line of the body's first line. */
const BODY = 4;

async function render(body: string, options: { files?: Record<string, string>; name?: string; sanitize?: boolean; sourceLines?: boolean } = {}) {
  const workspace = new MemoryWorkspace({ '/site/_config.yml': 'title: t\n', ...options.files });
  const service = createLanguageService({ workspace, now: () => NOW });
  return service.renderDocument({ path: `/site/_posts/${options.name ?? '2024-01-15-lines.md'}`, text: HEAD + body }, { sanitize: options.sanitize ?? true, sourceLines: options.sourceLines ?? true });
}

/** The `data-line` of the first element with this tag whose text includes `text`. */
function lineOf(html: string, tag: string, text: string): number | undefined {
  const re = new RegExp(`<${tag}\\b[^>]*data-line="(\\d+)"[^>]*>(?:(?!</${tag}>)[\\s\\S])*?${text}`);
  const found = re.exec(html);
  return found ? Number(found[1]) : undefined;
}

const strip = (html: string) => html.replace(/ data-line="\d+"| data-newsdesk-image="\d+"/g, '');

describe('source lines in the rendered article', () => {
  it('Markdown blocks carry the document line they start on', async () => {
    const { html, bodyLine } = await render('# Title\n\nFirst paragraph\nstill first.\n\n- one\n- two\n\n> quoted\n\n```\ncode\n```\n');
    assert.equal(bodyLine, BODY);
    assert.equal(lineOf(html, 'h1', 'Title'), BODY);
    assert.equal(lineOf(html, 'p', 'First paragraph'), BODY + 2);
    assert.equal(lineOf(html, 'li', 'two'), BODY + 6);
    assert.equal(lineOf(html, 'blockquote', 'quoted'), BODY + 8);
    assert.equal(lineOf(html, 'code', 'code'), BODY + 10);
  });

  it('elements inside block HTML and in an HTML post carry their own line', async () => {
    const markdown = await render('Intro\n\n<div class="box">\n<p>inside one</p>\n\n<figure>\n<img src="a.png" alt="A">\n<figcaption>cap</figcaption>\n</figure>\n</div>\n');
    assert.equal(lineOf(markdown.html, 'div', 'inside one'), BODY + 2);
    assert.equal(lineOf(markdown.html, 'p', 'inside one'), BODY + 3);
    assert.equal(lineOf(markdown.html, 'figcaption', 'cap'), BODY + 7);
    const htmlPost = await render('<p>one</p>\n<p>two</p>\n\n<h2>three</h2>\n', { name: '2024-01-15-lines.html' });
    assert.equal(lineOf(htmlPost.html, 'p', 'one'), BODY);
    assert.equal(lineOf(htmlPost.html, 'p', 'two'), BODY + 1);
    assert.equal(lineOf(htmlPost.html, 'h2', 'three'), BODY + 3);
  });

  it('lines after Liquid that adds lines (an include) still point at their source line', async () => {
    const { html } = await render('Before\n\n{% include box.html %}\n\nAfter the include\n', { files: { '/site/_includes/box.html': '<div>\n<p>one</p>\n<p>two</p>\n<p>three</p>\n</div>\n' } });
    assert.equal(lineOf(html, 'p', 'Before'), BODY);
    assert.equal(lineOf(html, 'p', 'After the include'), BODY + 4);
    // What the include made maps to the include's line.
    assert.equal(lineOf(html, 'p', 'three'), BODY + 2);
  });

  it('each image of the body model is marked with its index, in order; an image Liquid makes is not', async () => {
    const body = '![Alt one](one.png)\n\n<p>{% include made.html %}</p>\n\n<img src="two%20x.png">\n\n![三](图/三.png)\n\n<img alt="no src">\n';
    const { html, images } = await render(body, { files: { '/site/_includes/made.html': '<img src="made.png" alt="made">' } });
    assert.equal(images?.length, 4);
    assert.match(html, /<img data-newsdesk-image="0"[^>]*src="one.png"/);
    assert.match(html, /<img(?![^>]*data-newsdesk-image)[^>]*made\.png/);
    assert.match(html, /<img data-newsdesk-image="1"[^>]*src="two%20x.png"/);
    assert.match(html, /<img data-newsdesk-image="2"[^>]*三\.png|<img data-newsdesk-image="2"[^>]*%E4%B8%89\.png/);
    assert.match(html, /<img data-newsdesk-image="3"[^>]*alt="no src"/);
    const text = HEAD + body;
    assert.equal(text.slice(images![1].offset, images![1].offset + images![1].length), '<img src="two%20x.png">');
  });

  it('only the preview asks for the marks: the faithful render has none, and they add nothing else', async () => {
    const body = '# A\n\n<div><p>x</p><img src="a.png"></div>\n\ntext ![b](b.png)\n';
    const plain = await render(body, { sanitize: false, sourceLines: false });
    const marked = await render(body, { sanitize: false });
    assert.doesNotMatch(plain.html, /data-line|data-newsdesk-image/);
    assert.equal(plain.images, undefined);
    assert.equal(strip(marked.html), plain.html);
  });

  it('a data-line the post wrote itself comes after ours, and the sanitised article keeps ours', async () => {
    const { html } = await render('<p data-line="99">mine</p>\n');
    assert.match(html, /<p data-line="4">mine<\/p>/);
  });
});

describe('annotateHtml', () => {
  it('adds attributes right after the tag name and changes nothing else, on any input', () => {
    const random = prng(20261202);
    const parts = ['<p>', '</p>', '<img src="a">', '<IMG SRC=b>', '<br/>', '<div\nclass=x>', '<!-- <p> -->', '<script><p></script>', '</br>', '<', '>', '"', "'", '\n', 'text', '&amp;', '<a href="x">', '<svg><g/></svg>', '<textarea><p></textarea>', '<p/>', '<?x?>', '<!DOCTYPE html>', '<ß>', '<İ>'];
    for (let round = 0; round < 400; round++) {
      let html = '';
      const count = 1 + Math.floor(random() * 30);
      for (let i = 0; i < count; i++) html += parts[Math.floor(random() * parts.length)];
      const out = annotateHtml(html, { lineAt: linesOf(html, (line) => line + 7), images: ['a', 'b', undefined] });
      assert.equal(strip(out), html, JSON.stringify(html));
    }
  });

  it('grows linearly: a long run of tags is annotated in one pass', () => {
    const html = '<p>x</p>\n'.repeat(50_000);
    const out = annotateHtml(html, { lineAt: linesOf(html, (line) => line) });
    assert.equal((out.match(/data-line=/g) ?? []).length, 50_000);
    assert.match(out, /<p data-line="49999">x<\/p>\n$/);
  });
});

describe('liquidLineMap', () => {
  it('is the identity when Liquid changed nothing', () => {
    const map = liquidLineMap('a\nb\n', 'a\nb\n');
    assert.deepEqual([0, 1, 2].map(map), [0, 1, 2]);
  });

  it('matches unchanged lines in order and maps made lines to the line being read', () => {
    const template = 'one\n{% include x %}\ntwo\n\nthree {{ v }}\nfour\n';
    const output = 'one\nmade a\nmade b\ntwo\n\nthree 3\nfour\n';
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(liquidLineMap(template, output)), [0, 1, 1, 2, 3, 4, 5]);
  });
});
