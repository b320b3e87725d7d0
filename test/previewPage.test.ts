/** The preview's HTML page: a strict CSP with a fresh nonce, only our nonce'd script, and no referrer. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Parser } from 'htmlparser2';
import { previewPage } from '../client/src/previewPage';
import { applyHtmlDelta, htmlDelta } from '../client/webview/messages';
import { prng } from './helpers/hostile';

const options = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/preview.js', styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css', allowHttpImages: false };

interface Tag {
  name: string;
  attributes: Record<string, string>;
  text: string;
}

function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  const open: Tag[] = [];
  const parser = new Parser({
    onopentag: (name, attributes) => {
      const tag = { name, attributes, text: '' };
      tags.push(tag);
      open.push(tag);
    },
    ontext: (text) => {
      for (const tag of open) tag.text += text;
    },
    onclosetag: () => void open.pop(),
  });
  parser.end(html);
  return tags;
}

const cspOf = (tags: Tag[]) => tags.find((t) => t.name === 'meta' && t.attributes['http-equiv']?.toLowerCase() === 'content-security-policy')?.attributes.content;

describe('preview page', () => {
  it('sets a strict CSP whose nonce every script and style element carries (style attributes, sanitised on the server, are allowed)', () => {
    const tags = tagsOf(previewPage({ ...options, nonce: 'bm9uY2Utb2YtdGVzdA==' }));
    assert.equal(
      cspOf(tags),
      "default-src 'none'; img-src https: https://file+.vscode-resource.vscode-cdn.net data:; style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-bm9uY2Utb2YtdGVzdA=='; style-src-attr 'unsafe-inline'; script-src 'nonce-bm9uY2Utb2YtdGVzdA=='",
    );
    const scripts = tags.filter((t) => t.name === 'script');
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0].attributes.nonce, 'bm9uY2Utb2YtdGVzdA==');
    assert.equal(scripts[0].attributes.src, options.scriptUri);
    assert.equal(scripts[0].text.trim(), '', 'no inline script');
    for (const style of tags.filter((t) => t.name === 'style' || (t.name === 'link' && t.attributes.rel === 'stylesheet'))) assert.equal(style.attributes.nonce, 'bm9uY2Utb2YtdGVzdA==');
    // No inline event handler anywhere.
    assert.deepEqual(tags.flatMap((t) => Object.keys(t.attributes).filter((a) => a.startsWith('on'))), []);
  });

  it('sends no referrer and allows http images only when asked', () => {
    const tags = tagsOf(previewPage(options));
    assert.equal(tags.find((t) => t.name === 'meta' && t.attributes.name === 'referrer')?.attributes.content, 'no-referrer');
    assert.doesNotMatch(cspOf(tags) ?? '', /http:/);
    assert.match(cspOf(tagsOf(previewPage({ ...options, allowHttpImages: true }))) ?? '', /img-src [^;]* http:/);
  });

  it('uses a fresh nonce for every page', () => {
    const nonce = (html: string) => /'nonce-([^']+)'/.exec(cspOf(tagsOf(html)) ?? '')?.[1];
    const first = nonce(previewPage(options));
    const second = nonce(previewPage(options));
    assert.ok(first && first.length >= 22, `nonce too short: ${first}`);
    assert.notEqual(first, second);
  });
});

describe('the article sent as a change', () => {
  it('rebuilds the new HTML from the old one and the change, and refuses another base', () => {
    const random = prng(8);
    const pieces = ['<p>', '</p>', 'a', 'é', '😀', '\n', '<img src="x">', ''];
    const text = () => Array.from({ length: Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    for (let round = 0; round < 500; round++) {
      const base = text();
      const next = random() < 0.5 ? text() : base.slice(0, Math.floor(random() * base.length)) + text() + base.slice(Math.floor(random() * base.length));
      const delta = htmlDelta(base, next);
      assert.equal(applyHtmlDelta(base, delta), next);
      assert.ok(delta.text.length <= next.length);
    }
    const long = '<p>x</p>'.repeat(10_000);
    const typed = htmlDelta(long, long.replace(/x(?=<\/p>$)/, 'xy'));
    assert.equal(typed.text, 'y');
    assert.equal(applyHtmlDelta(long + ' ', typed), undefined);
    assert.equal(applyHtmlDelta(undefined, typed), undefined);
  });
});
