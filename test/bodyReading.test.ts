/**
 * The body model and the image rules on what kramdown (GFM input, as Jekyll 4.3 uses it) does with Markdown images,
 * on decoration and captions, and in linear time on hostile bodies. Found by a review of the body checks; each case
 * failed before its fix.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CLOSING, maskLiquid, NOT_A_TAG, OPENING, parseBody, tagKindAt, VOID_TAG } from '../server/src/core/body';
import { lintPost } from '../server/src/core/lint';
import { parsePost } from '../server/src/core/post';
import { RULE_CATALOG } from '../server/src/core/rules';
import { findSiteRoot, loadSite } from '../server/src/core/site';
import { MemoryWorkspace } from '../server/src/core/workspace';
import { prng } from './helpers/hostile';

const PATH = '/s/_posts/2025-01-02-x.md';
const NOW = new Date('2026-01-01T00:00:00Z');

async function rulesOf(body: string): Promise<string[]> {
  const workspace = new MemoryWorkspace({ '/s/_config.yml': 'title: s\n', '/s/_layouts/post.html': '{{ content }}' });
  const site = await loadSite((await findSiteRoot(PATH, workspace)) ?? '/', workspace, RULE_CATALOG);
  const post = parsePost(`---\ntitle: t\nlayout: post\n---\nSome text.\n\n${body}`, PATH);
  return lintPost(post, { site, now: NOW, onRuleError: (id, error) => assert.fail(`${id} threw: ${String(error)}`) })
    .filter((p) => /^(image|body)\//.test(p.rule))
    .map((p) => p.rule);
}

const imagesOf = (text: string) => parseBody(text, { offset: 0, length: text.length }, 'markdown').images;
const srcOf = (text: string) => imagesOf(text).map((i) => i.attribute('src')?.value);

describe('Markdown images as kramdown reads them', () => {
  it('a src with balanced parentheses is whole (kramdown: src="x_(1).png")', () => assert.deepEqual(srcOf('![a](x_(1).png)\n'), ['x_(1).png']));
  it('no image in an HTML comment, in block HTML, after an escaped bang, or in code', () => {
    assert.deepEqual(srcOf('<!-- ![](/images/old.png) -->\n'), []);
    assert.deepEqual(srcOf('<div>\n![a](div.png)\n</div>\n'), []);
    assert.deepEqual(srcOf('\\![a](x)\n'), []);
    assert.deepEqual(srcOf('a `code\n![a](x)` b\n'), []);
  });
  it('an alt with brackets inside, titles, angle-bracket addresses, lists, quotes, tables and CRLF', () => {
    assert.deepEqual(srcOf('![a [b] c](n.png)\n'), ['n.png']);
    const text = 'x ![alt](<my image.png> "T") y\r\n- item\r\n  ![li](li.png)\r\n> ![q](q.png \'t\')\r\n\r\n| a | b |\r\n|---|---|\r\n| x | ![c](c.png) |\r\n';
    const images = imagesOf(text);
    assert.deepEqual(images.map((i) => text.slice(i.range.offset, i.range.offset + i.range.length)), ['![alt](<my image.png> "T")', '![li](li.png)', "![q](q.png 't')", '![c](c.png)']);
    assert.deepEqual(images.map((i) => { const src = i.attribute('src')!; return text.slice(src.valueRange.offset, src.valueRange.offset + src.valueRange.length); }), ['my image.png', 'li.png', 'q.png', 'c.png']);
    assert.equal(images[0].attribute('title')?.value, 'T');
  });
  it('reference-style: the address and title come from the definition line; a title in parentheses is part of the address', () => {
    const text = '![b][R] and ![r]\n\n[r]: http://e.com/r.png "R"\n';
    assert.deepEqual(srcOf(text), ['http://e.com/r.png', 'http://e.com/r.png']);
    assert.deepEqual(srcOf('![a][l]\n\n[l]: x.png (Paren title)\n'), ['x.png (Paren title)']);
  });
});

describe('Markdown images are content too', () => {
  it('![](photo.jpg) is image/empty-alt (kramdown writes alt="")', async () => {
    assert.ok((await rulesOf('![](https://e.org/photo.jpg)\n*A caption.*\n')).includes('image/empty-alt'));
  });
  it('[![](thumb.png)](big.png): the link has no name (image/missing-alt) and the thumbnail needs no caption', async () => {
    const rules = await rulesOf('[![](https://e.org/thumb.png)](https://e.org/big.png)\n');
    assert.ok(rules.includes('image/missing-alt'), rules.join(', '));
    assert.ok(!rules.includes('image/missing-caption'), rules.join(', '));
  });
});

describe('captions and decoration', () => {
  it('a WordPress emoji (class wp-smiley, /emoji/…/72x72/) needs no caption', async () => {
    const rules = await rulesOf('<p>Thanks <img src="https://s.w.org/images/core/emoji/13.0.0/72x72/2764.png" alt="❤" class="wp-smiley" style="height: 1em; max-height: 1em;" /></p>\n');
    assert.ok(!rules.includes('image/missing-caption'), rules.join(', '));
  });
  it('alt and caption compared as the reader sees them (entities decoded)', async () => {
    const rules = await rulesOf('<figure><img src="https://e.org/a.jpg" alt="Tom &amp; Jerry"><figcaption>Tom &amp; Jerry</figcaption></figure>\n');
    assert.ok(rules.includes('image/alt-repeats-caption'), rules.join(', '));
  });
  it('width="50%" is not a 50-pixel icon', async () => {
    assert.ok((await rulesOf('<p><img src="https://e.org/chart.jpg" alt="" width="50%"></p>\n')).includes('image/empty-alt'));
  });
  it('a short block after the image that says what the alt says is its caption (an outlet\'s own class)', async () => {
    const rules = await rulesOf('<div class="pic"><img src="https://e.org/a.jpg" alt="The mayor at the bridge"></div><div class="picinfo">The mayor at the bridge on Tuesday.</div><p>Story.</p>\n');
    assert.ok(!rules.includes('image/missing-caption'), rules.join(', '));
  });
  it('an unquoted value may hold "=" (browsers read src=a=b.png as a=b.png)', () => {
    const text = '<img src=a=b.png alt=x>';
    assert.deepEqual(parseBody(text, { offset: 0, length: text.length }, 'html').images.map((i) => i.attribute('src')?.value), ['a=b.png']);
  });
});

/** Times the work for n and for 10 n: linear work takes about ten times as long, quadratic a hundred. */
function assertLinear(label: string, work: (n: number) => void, n: number): void {
  const time = (size: number) => {
    const start = performance.now();
    work(size);
    return performance.now() - start;
  };
  time(n / 10);
  const small = Math.min(time(n), time(n));
  const large = time(n * 10);
  assert.ok(large < small * 40 + 300, `${label}: ${n} took ${small.toFixed(0)} ms, ${n * 10} took ${large.toFixed(0)} ms`);
}

describe('linear time on hostile bodies', () => {
  const body = (text: string, kind: 'markdown' | 'html' = 'markdown') => parseBody(text, { offset: 0, length: text.length }, kind);
  it('many "![a](" and "![" on one line', () => {
    assertLinear('![a](', (n) => body('![a]('.repeat(n)), 4000);
    assertLinear('![', (n) => body('!['.repeat(n)), 6000);
  });
  it('many unclosed "{{", "{%" and "{% raw %}"', () => {
    assertLinear('{{', (n) => maskLiquid('{{'.repeat(n)), 6000);
    assertLinear('{%', (n) => maskLiquid('{% x '.repeat(n)), 6000);
    assertLinear('raw', (n) => maskLiquid('{% raw %}'.repeat(n)), 6000);
  });
  it('many "<img " without ">" (body/empty, the nesting guard)', async () => {
    const start = performance.now();
    await rulesOf('<img '.repeat(4000));
    const small = performance.now() - start;
    const again = performance.now();
    await rulesOf('<img '.repeat(40000));
    const large = performance.now() - again;
    assert.ok(large < small * 40 + 300, `4,000: ${small.toFixed(0)} ms, 40,000: ${large.toFixed(0)} ms`);
  });
  it('deep nesting: 100,000 nested <figure> (htmlparser2 shifts its stack on every open tag)', () => {
    assertLinear('<figure>', (n) => body('<figure>'.repeat(n) + '<img src="x.jpg">' + '</figure>'.repeat(n), 'html'), 10000);
    const text = '<figure>'.repeat(5000) + '<img src="deep.jpg">' + '</figure>'.repeat(5000) + '<p><img src="shallow.jpg"></p>';
    // Past the guard the wrapping elements are read as text; the image itself is still read.
    assert.deepEqual(body(text, 'html').images.map((i) => i.attribute('src')?.value), ['deep.jpg', 'shallow.jpg']);
  });
  it('images each followed by a block holding the rest of the article (caption search)', async () => {
    const article = (n: number) => {
      let text = '';
      for (let i = 0; i < n; i++) text += `<p><img src="https://e.org/${i}.jpg" alt="x"></p><div>` + '<span>w</span>'.repeat(20);
      return text + '</div>'.repeat(n);
    };
    const start = performance.now();
    await rulesOf(article(40));
    const small = performance.now() - start;
    const again = performance.now();
    await rulesOf(article(400));
    const large = performance.now() - again;
    assert.ok(large < small * 40 + 300, `40 images: ${small.toFixed(0)} ms, 400: ${large.toFixed(0)} ms`);
  });
});

describe('the nesting guard reads tags in place', () => {
  /** The reading it replaces: a match and a lower-cased name per tag. */
  const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
  const byRegex = (text: string, at: number) => {
    const re = /<(\/?)([a-zA-Z][^\s/>]{0,61})/y;
    re.lastIndex = at;
    const m = re.exec(text);
    return m === null ? NOT_A_TAG : VOID.has(m[2].toLowerCase()) ? VOID_TAG : m[1] ? CLOSING : OPENING;
  };
  it('as the regular expression does, on seeded tags', () => {
    const random = prng(7);
    const parts = ['<', '</', 'img', 'IMG', 'Br', 'source', 'sources', 'wbr', 'p', 'div', 'lin\u212a', 'trac\u212a', 'x', '1', '-', ' ', '\t', '\n', '/', '>', '\u00a0', '\u3000', '\ufeff', '\u2028', 'é', '\u0130', 'a'.repeat(70), '"', '=', '\u007f'];
    let tags = 0;
    for (let i = 0; i < 50_000; i++) {
      let text = random() < 0.5 ? '<' : '</';
      const count = Math.floor(random() * 5);
      for (let k = 0; k < count; k++) text += parts[Math.floor(random() * parts.length)];
      assert.equal(tagKindAt(text, 0), byRegex(text, 0), JSON.stringify(text));
      if (byRegex(text, 0) !== NOT_A_TAG) tags++;
    }
    assert.ok(tags > 10_000, `only ${tags} tags among the cases`);
    assert.equal(tagKindAt('<lin\u212a>', 0), VOID_TAG);
    assert.equal(tagKindAt('</IMG>', 0), VOID_TAG);
    assert.equal(tagKindAt('<imgs>', 0), OPENING);
  });
});
