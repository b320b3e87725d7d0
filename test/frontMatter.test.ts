/** The front matter as Jekyll locates and Psych parses it, with exact ranges. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { foldQuoted, locateFrontMatter, parseFrontMatter } from '../server/src/core/frontMatter';
import { resolvePlainScalar } from '../server/src/core/jekyll/psych';

const slice = (text: string, range: { offset: number; length: number }) => text.slice(range.offset, range.offset + range.length);

describe('locating front matter', () => {
  it('needs --- at byte 0, tolerating a BOM', () => {
    assert.equal(locateFrontMatter('title: x\n---\n'), undefined);
    assert.equal(locateFrontMatter(' ---\ntitle: x\n---\n'), undefined);
    assert.equal(locateFrontMatter('\ufeff---\ntitle: x\n---\nbody')?.content.offset, 5);
  });
  it('closes with --- or ... on its own line', () => {
    const dots = '---\ntitle: x\n...\nbody';
    assert.equal(slice(dots, locateFrontMatter(dots)!.content), 'title: x\n');
    const notClosing = '---\ntitle: x\n----\nmore: y\n---\n';
    assert.equal(slice(notClosing, locateFrontMatter(notClosing)!.content), 'title: x\n----\nmore: y\n');
  });
  it('reports an unclosed front matter', () => {
    assert.equal(locateFrontMatter('---\ntitle: x\nbody')?.close, undefined);
  });
  it('accepts an empty front matter and CRLF line ends', () => {
    assert.equal(locateFrontMatter('---\n---\n')?.content.length, 0);
    const crlf = '---\r\ntitle: x\r\n---\r\nbody';
    assert.equal(slice(crlf, locateFrontMatter(crlf)!.content), 'title: x\r\n');
  });
});

describe('parsing front matter', () => {
  const text = '---\nlayout: post\ntitle: "Hello"\ndate: 2023-06-14T10:35:19.492Z\ncomments: True\ntags: [ a, b ]\nempty:\ntitle: Again\n---\nbody\n';
  const fm = parseFrontMatter(text)!;
  it('gives every key and value its exact range', () => {
    const layout = fm.get('layout')!;
    assert.equal(slice(text, layout.keyRange), 'layout');
    assert.equal(slice(text, layout.valueRange), 'post');
    assert.deepEqual(fm.get('tags')!.items!.map((i) => slice(text, i.range)), ['a', 'b']);
    assert.equal(fm.get('empty')!.valueRange.length, 0);
  });
  it('reads values with YAML 1.1 as Psych does', () => {
    assert.deepEqual(fm.get('comments')!.value, { kind: 'bool', value: true });
    assert.equal(fm.get('date')!.value.kind, 'time');
    assert.deepEqual(fm.get('empty')!.value, { kind: 'null' });
  });
  it('keeps the last of duplicate keys, as Psych does', () => {
    assert.equal(fm.entries.filter((e) => e.key === 'title').length, 2);
    assert.deepEqual(fm.get('title')!.value, { kind: 'string', value: 'Again' });
  });
  it('accepts a raw line break inside a double-quoted title, as libyaml does', () => {
    const multi = '---\ntitle: "Storm\n\n"\ndate: 2020-08-02T09:55:06.000Z\n---\n';
    const parsed = parseFrontMatter(multi)!;
    assert.deepEqual(parsed.syntaxErrors, []);
    assert.deepEqual(parsed.get('title')!.value, { kind: 'string', value: 'Storm\n' });
    assert.equal(parsed.quotedLineBreaks.length, 1);
    assert.equal(parsed.get('date')!.value.kind, 'time');
  });
  it('locates a YAML syntax error', () => {
    const broken = '---\ntitle: x\ntags: [a, b\n---\n';
    const parsed = parseFrontMatter(broken)!;
    assert.ok(parsed.syntaxErrors.length > 0);
    assert.ok(parsed.syntaxErrors[0].range.offset >= 4);
    assert.equal(parsed.get('title'), undefined, 'Jekyll ignores the whole front matter');
  });
  it('reports a front matter that is not a mapping', () => {
    assert.equal(parseFrontMatter('---\n- a\n- b\n---\n')!.notAMapping?.kind, 'a list');
    assert.equal(parseFrontMatter('---\n---\n')!.notAMapping, undefined);
  });
});

describe('Psych scalars', () => {
  it('reads booleans, nulls and strings as Psych does', () => {
    assert.deepEqual(resolvePlainScalar('True'), { kind: 'bool', value: true });
    assert.deepEqual(resolvePlainScalar('on'), { kind: 'bool', value: true });
    assert.deepEqual(resolvePlainScalar('y'), { kind: 'string', value: 'y' });
    assert.deepEqual(resolvePlainScalar('~'), { kind: 'null' });
    assert.deepEqual(resolvePlainScalar('1_000'), { kind: 'int', value: 1000 });
    assert.deepEqual(resolvePlainScalar(':expanded'), { kind: 'symbol', value: 'expanded' });
  });
  it('reads unquoted timestamps and dates, and leaves impossible dates as strings', () => {
    assert.deepEqual(resolvePlainScalar('2024-02-29'), { kind: 'date', year: 2024, month: 2, day: 29 });
    assert.deepEqual(resolvePlainScalar('2024-02-30'), { kind: 'string', value: '2024-02-30' });
    const t = resolvePlainScalar('2023-06-14 10:35:19 +0800');
    assert.equal(t.kind === 'time' && new Date(t.epochMs).toISOString(), '2023-06-14T02:35:19.000Z');
  });
  it('folds a multi-line double-quoted scalar', () => {
    assert.equal(foldQuoted('"a\n  b"'), 'a b');
    assert.equal(foldQuoted('"a\n\n  b"'), 'a\nb');
    assert.equal(foldQuoted('"a\\\n  b"'), 'ab');
    assert.equal(foldQuoted('"tab\\there \\u00e9"'), 'tab\there é');
  });
});
