/**
 * The first pass over simple front matter (server/src/core/simpleFrontMatter.ts) must yield exactly what the full
 * parse yields, or give up: compared here on every fixture, every corpus post and a seeded fuzz of front-matter
 * shapes built from the lines posts have and the near misses that YAML reads otherwise.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { locateFrontMatter, parseFrontMatter, parseFrontMatterFully, type FrontMatter } from '../server/src/core/frontMatter';
import { readSimpleFrontMatter } from '../server/src/core/simpleFrontMatter';
import { REPO } from './helpers/cli';
import { listFixtures } from './helpers/fixtures';
import { prng } from './helpers/hostile';

const CORPUS = path.resolve(REPO, '../shared/corpus');

/** The first pass alone: undefined when it gives up. */
function firstPass(text: string): FrontMatter | undefined {
  const located = locateFrontMatter(text);
  return located?.close ? readSimpleFrontMatter(text, located.open, located.content, located.close) : undefined;
}

/** Everything a front matter says, `get` asked for every key written and one that is not. */
function view(fm: FrontMatter | undefined): unknown {
  if (!fm) return fm;
  const { get, ...rest } = fm;
  const keys = [...fm.entries.map((e) => e.key), 'no-such-key'];
  return { ...rest, dataKeys: Object.keys(fm.data), got: keys.map((key) => get(key)) };
}

/** Asserts that the first pass, when it reads `text`, agrees with the full parse; true when it read it. */
function agrees(text: string, name: string): boolean {
  const simple = firstPass(text);
  if (!simple) return false;
  assert.deepStrictEqual(view(simple), view(parseFrontMatterFully(text)), `${name}: the first pass differs from the full parse\n${JSON.stringify(text)}`);
  return true;
}

/** Keys and values the first pass reads, and near misses that YAML or Psych read otherwise (it must give up on those). */
const KEYS = ['title', 'date', 'tags', 'from', 'layout', 'a_b', 'x-y', 'null', 'Null', 'on', 'y', 'True', 'no', '_k', 'K9', 'date', 'title'];
const NEAR_KEYS = ['1a', '"q"', 'a b', '<<', '-k', 'k'.repeat(120), '~', 'k\tk', '? k', 'k#'];
const VALUES = [
  'post', 'Hello world', '"quoted"', "'single'", '""', "''", '"a # b"', "'a: b'", '"it\'s"', "'say \"x\"'",
  '2023-06-14', '2023-06-14T10:35:19.492Z', '2023-06-14 10:35:19 +0800', '2023-02-30', '2024-04-31 18:00:00 -12:00', '1582-10-10', '2023-06-14T25:00:00Z',
  '12', '012', '0x1F', '1_000', '1,000', '3.14', '.5', '1e5', '1.0e+5', '.inf', '.NaN', '1:30', '1:30:15.5', '99999999999999999999', '+5', '0b101',
  '~', 'null', 'yes', 'No', 'ON', 'off', 'y', 'n', 'true', 'False', 'x:y', 'C#', 'http://x.org/a?b=c#d', 'a [b] {c}', 'a, b', 'it\'s "so"', '<<', 'a=b; c',
  '维族学者伊力哈木', 'emoji 😀 ok', 'nbsp\u00a0x', 'a\\b', 'x ', 'x  ', '.', '+', '=',
  '"a\\"b"', '"\\"x\\" y"', '"a\\\\b"', '"a\\\\\\"b"', '"维族\\"学者\\""', '[ BBC ]', '[a, b]', '[]', '[ ]', '[ 2023-06-14, 12, yes ]', '[ a b, c ]', '[ ~, null, .inf ]', '[ 维族, 😀 ]', '[x]', '[ 1:30, 0x1F, y ]',
];
const NEAR_VALUES = [
  '"a\\"', '"a\\\\"b"', '"a\\/b"', "'it''s'", '"unclosed', "'unclosed", '"a" x', "'a' x", '-5', '-.inf', ':sym', '&a x', '*a', '!tag x', '!!str 12', '|', '>', '%x', '@x', '`x`',
  '[ a, ]', '[a,,b]', '[ "q", r ]', '[ a: b ]', '[ [a] ]', '[ -a ]', '[ -5, ~ ]', '[a', '[ a ] x', '[ a #c ]', '{a: b}', '{}', 'a: b', 'a #c', 'foo:',
  'x\u2028y', 'tab\there', 'bom\ufeffx', 'nul\u0000x', 'del\u007fx', '- x', '? x', ', x', '# comment', '   ', '"a\nb"', 'a\u0085b', '"a\\\\b"', '"tab\\tx"', '"\\u00e9"', '"a\\\nb"',
];
const EXTRA_LINES = ['', '# a comment', '#', '# {rule/id}', '  indented: 1', '- item', '---', '...', '  - x', 'plain text', 'k:v', '\t', ' ', 'key: value # trailing', 'k:  ', 'k: |\n  block'];

/** A front matter of 1 to 8 lines, most of them `key: value`; about one shape in two holds a near miss. */
function randomFrontMatter(random: () => number): string {
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const odd = (p: number) => random() < p;
  const lines: string[] = [];
  const count = 1 + Math.floor(random() * 8);
  const misses = odd(0.5) ? 0.12 : 0;
  for (let i = 0; i < count; i++) {
    const key = odd(misses) ? pick(NEAR_KEYS) : pick(KEYS);
    const roll = random();
    if (roll < 0.06) lines.push(odd(misses * 4) ? pick(EXTRA_LINES) : pick(['', '# a comment', '#']));
    else if (roll < 0.14) lines.push(`${key}:`);
    else {
      const separator = odd(misses) ? pick([':', ':\t', ' : ']) : pick([': ', ':  ']);
      const trailing = odd(misses) ? pick(['\t', ' # note', '\r']) : odd(0.1) ? pick([' ', '   ']) : '';
      lines.push(`${key}${separator}${odd(misses) ? pick(NEAR_VALUES) : pick(VALUES)}${trailing}`);
    }
  }
  const bom = odd(0.03) ? '\ufeff' : '';
  const eol = odd(misses / 4) ? '\r\n' : '\n';
  return `${bom}---${eol}${lines.join(eol)}${eol}---${eol}body\n`;
}

describe('the first pass over simple front matter', () => {
  it('agrees with the full parse on every fixture', () => {
    const fixtures = listFixtures();
    let read = 0;
    for (const fixture of fixtures) if (agrees(readFileSync(fixture.file, 'utf8'), fixture.file)) read++;
    // Most fixtures are about something the first pass does not read; a good share is plain.
    assert.ok(read >= fixtures.length / 4, `the first pass read only ${read} of ${fixtures.length} fixtures`);
  });

  it('agrees with the full parse on every corpus post', { skip: existsSync(path.join(CORPUS, '_posts')) ? false : '../shared/corpus is not beside this checkout' }, () => {
    const files = ['_posts', 'seed'].flatMap((dir) => readdirSync(path.join(CORPUS, dir)).map((name) => path.join(CORPUS, dir, name)));
    let read = 0;
    for (const file of files) if (agrees(readFileSync(file, 'utf8'), file)) read++;
    assert.equal(files.length, 302);
    assert.ok(read >= 290, `the first pass read only ${read} of the corpus's 302 posts`);
  });

  it('agrees with the full parse on 20,000 seeded front-matter shapes, or gives up', () => {
    const random = prng(20250107);
    let read = 0;
    for (let i = 0; i < 20_000; i++) if (agrees(randomFrontMatter(random), `shape ${i} of seed 20250107`)) read++;
    assert.ok(read >= 8_000, `the first pass read only ${read} of 20,000 shapes`);
  });

  it('is what parseFrontMatter answers when it reads the text', () => {
    const text = '---\nlayout: post\ntitle: "Hello"\ndate: 2023-06-14T10:35:19.492Z\ntags: [ a, b ]\nempty:\n---\nbody\n';
    assert.notEqual(firstPass(text), undefined);
    assert.deepStrictEqual(view(parseFrontMatter(text)), view(parseFrontMatterFully(text)));
  });

  it('gives up on what it does not read', () => {
    for (const text of ['---\nk: "a\\tb"\n---\n', '---\nk: "a\\"\n---\n', '---\nk: [a, ]\n---\n', '---\nk:\n  - a\n---\n', '---\nk: a # c\n---\n', '---\n---\n', '---\r\nk: v\r\n---\r\n', '---\nk: &a x\n---\n']) {
      assert.equal(firstPass(text), undefined, JSON.stringify(text));
    }
  });
});
