/** The outline of a post: front-matter fields, headings as kramdown reads them nested by level, images by caption. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Range } from '../server/src/core/frontMatter';
import type { OutlineSymbol } from '../server/src/core/outline';
import { createLanguageService } from '../server/src/core/service';
import { MemoryWorkspace } from '../server/src/core/workspace';

const SITE = { '/s/_config.yml': 'title: S\n' };

async function outline(name: string, text: string): Promise<OutlineSymbol[]> {
  const service = createLanguageService({ workspace: new MemoryWorkspace(SITE) });
  return service.outline({ path: `/s/_posts/${name}`, text });
}

/** Name, kind and the text of each range, nested: what a reader of the outline sees and what picking it selects. */
function shape(text: string, symbols: OutlineSymbol[]): unknown[] {
  const of = (r: Range) => text.slice(r.offset, r.offset + r.length);
  return symbols.map((s) => ({ name: s.name, kind: s.kind, ...(s.detail !== undefined ? { detail: s.detail } : {}), select: of(s.selectionRange), ...(s.children.length ? { children: shape(text, s.children) } : {}) }));
}

/** Every selection range lies inside its range, and every child inside its parent. */
function assertNested(symbols: OutlineSymbol[], parent?: Range): void {
  const end = (r: Range) => r.offset + r.length;
  for (const s of symbols) {
    assert.ok(s.range.offset <= s.selectionRange.offset && end(s.selectionRange) <= end(s.range), `${s.name}: selection inside range`);
    if (parent) assert.ok(parent.offset <= s.range.offset && end(s.range) <= end(parent), `${s.name}: inside its parent`);
    assertNested(s.children, s.range);
  }
}

describe('outline', () => {
  it('lists the front-matter fields with their values, and Markdown headings nested by level with their sections', async () => {
    const text = [
      '---',
      'title: "Talks resume"',
      'date: 2025-01-02 10:00:00 +0800',
      'tags: [a, b]',
      '---',
      '# Top',
      '',
      'Intro.',
      '',
      '## Part `one`',
      '',
      'Setext two',
      '----------',
      '',
      '### Deep ###',
      '',
      'Back up',
      '=======',
      '',
      '```',
      '# not a heading',
      '```',
      '',
    ].join('\n');
    const symbols = await outline('2025-01-02-x.md', text);
    assertNested(symbols);
    assert.deepEqual(shape(text, symbols), [
      {
        name: 'Front matter',
        kind: 'frontMatter',
        select: '---',
        children: [
          { name: 'title', kind: 'field', detail: '"Talks resume"', select: 'title' },
          { name: 'date', kind: 'field', detail: '2025-01-02 10:00:00 +0800', select: 'date' },
          { name: 'tags', kind: 'field', detail: '[a, b]', select: 'tags' },
        ],
      },
      {
        name: 'Top',
        kind: 'heading',
        detail: 'h1',
        select: 'Top',
        children: [
          { name: 'Part one', kind: 'heading', detail: 'h2', select: 'Part `one`' },
          { name: 'Setext two', kind: 'heading', detail: 'h2', select: 'Setext two', children: [{ name: 'Deep', kind: 'heading', detail: 'h3', select: 'Deep' }] },
        ],
      },
      { name: 'Back up', kind: 'heading', detail: 'h1', select: 'Back up' },
    ]);
    const top = symbols[1];
    // A section runs to the next heading of its level or above; the last one to the end of the body.
    assert.equal(text.slice(top.range.offset, top.range.offset + top.range.length).split('\n').pop(), '### Deep ###');
    assert.equal(text.slice(symbols[0].range.offset, symbols[0].range.offset + symbols[0].range.length), text.slice(0, text.indexOf('---\n# Top') + 3));
    assert.ok(symbols[2].range.offset + symbols[2].range.length === text.lastIndexOf('```') + 3);
  });

  it('reads setext headings as kramdown does: not right after a line of text', async () => {
    const text = '---\ntitle: x\n---\n<!--NaN-->\n[Title](https://example.com)\n------\n\nText\n';
    const symbols = await outline('2025-01-02-x.md', text);
    assert.deepEqual(symbols.map((s) => s.name), ['Front matter']);
  });

  it('lists HTML headings and images named by caption, alt or file, each in its section', async () => {
    const text = [
      '---',
      'title: x',
      '---',
      '<h2 class="t">Talks <b>resume</b></h2>',
      '<figure><img src="/a/lead.jpg" alt="The ministers"><figcaption>Ministers meet in Beijing.</figcaption></figure>',
      '<h3>Reaction</h3>',
      '<p><img src="https://example.com/i/chart.png?x=1"></p>',
      '<h2></h2>',
      '<img src="x.png" alt="A map">',
      '',
    ].join('\n');
    const symbols = await outline('2025-01-02-x.html', text);
    assertNested(symbols);
    assert.deepEqual(shape(text, symbols.slice(1)), [
      {
        name: 'Talks resume',
        kind: 'heading',
        detail: 'h2',
        select: 'Talks <b>resume</b>',
        children: [
          { name: 'Ministers meet in Beijing.', kind: 'image', detail: 'figure', select: '<img src="/a/lead.jpg" alt="The ministers">' },
          { name: 'Reaction', kind: 'heading', detail: 'h3', select: 'Reaction', children: [{ name: 'chart.png', kind: 'image', detail: 'image', select: '<img src="https://example.com/i/chart.png?x=1">' }] },
        ],
      },
      { name: '(empty heading)', kind: 'heading', detail: 'h2', select: '<h2>', children: [{ name: 'A map', kind: 'image', detail: 'image', select: '<img src="x.png" alt="A map">' }] },
    ]);
    const figure = symbols[1].children[0];
    assert.equal(text.slice(figure.range.offset, figure.range.offset + figure.range.length), '<img src="/a/lead.jpg" alt="The ministers"><figcaption>Ministers meet in Beijing.</figcaption>');
  });

  it('names a Markdown image by its emphasised caption, and headings in block HTML of a Markdown post', async () => {
    const text = '---\ntitle: x\n---\n![Alt text](img/a.png)\n*The caption.*\n\n<div>\n<h4>Inside</h4>\n# not markdown inside block HTML\n</div>\n';
    const symbols = await outline('2025-01-02-x.md', text);
    assertNested(symbols);
    assert.deepEqual(
      shape(text, symbols.slice(1)).map((s) => s),
      [
        { name: 'The caption.', kind: 'image', detail: 'figure', select: '![Alt text](img/a.png)' },
        { name: 'Inside', kind: 'heading', detail: 'h4', select: 'Inside' },
      ],
    );
  });

  it('gives no outline for a file that is not a post, and only the headings for a post without front matter', async () => {
    const service = createLanguageService({ workspace: new MemoryWorkspace(SITE) });
    assert.deepEqual(await service.outline({ path: '/s/_config.yml', text: 'title: x\n' }), []);
    const symbols = await service.outline({ path: '/s/_posts/2025-01-02-x.md', text: '# Only\n' });
    assert.deepEqual(symbols.map((s) => [s.name, s.kind, s.range]), [['Only', 'heading', { offset: 0, length: 6 }]]);
  });
});
