/**
 * The caption finder compiles its selector once and walks the tree for `figcaption` and `img` instead of asking cheerio
 * each time: the answers must be cheerio's, on every element of the corpus posts and the rule fixtures.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ChildNode, Element } from 'domhandler';
import { parsePost } from '../server/src/core/post';
import { CAPTION_SELECTORS, compiledSelector, firstDescendant } from '../server/src/core/rules/image/caption';
import { REPO } from './helpers/cli';
import { listFixtures } from './helpers/fixtures';

const CORPUS = path.resolve(REPO, '../shared/corpus');

function posts(): Array<{ file: string; text: string }> {
  const corpus = ['_posts', 'seed'].map((dir) => path.join(CORPUS, dir)).filter((dir) => existsSync(dir));
  const files = [...corpus.flatMap((dir) => readdirSync(dir).map((name) => path.join(dir, name))), ...listFixtures().map((f) => f.file)];
  return files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

function elements(children: ChildNode[]): Element[] {
  const out: Element[] = [];
  const stack = [...children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return out;
}

const SELECTORS = [
  CAPTION_SELECTORS.join(', '),
  [...CAPTION_SELECTORS, '.credit > span', 'p.caption', 'div + p', 'p:first-child', ':not(div) > em', '[data-caption]', 'P.Caption'].join(', '),
];

describe('caption selectors compiled once', () => {
  it('match as cheerio matches, and find the figcaption and img cheerio finds', { timeout: 120_000 }, () => {
    let tested = 0;
    let matched = 0;
    let found = 0;
    for (const { file, text } of posts()) {
      const model = parsePost(text, file).bodyModel;
      for (const element of elements(model.dom.children)) {
        for (const selector of SELECTORS) {
          const test = compiledSelector(selector);
          assert.ok(test, selector);
          const expected = element.type === 'tag' && model.$(element).is(selector);
          assert.equal(element.type === 'tag' && test(element), expected, `${file}: <${element.name}> at ${element.startIndex} and ${selector}`);
          if (expected) matched++;
          tested++;
        }
        for (const name of ['figcaption', 'img']) {
          const expected = model.$(element).find(name).get(0);
          assert.equal(firstDescendant(element, name), expected, `${file}: <${element.name}> at ${element.startIndex}, first ${name}`);
          if (expected) found++;
        }
      }
    }
    assert.ok(tested > 10_000 && matched > 50 && found > 100, `tested ${tested}, matched ${matched}, found ${found}`);
  });

  it('leaves positional filters and selectors that do not parse to cheerio', () => {
    assert.equal(compiledSelector('p:first'), undefined);
    assert.equal(compiledSelector('p:not(:eq(1))'), undefined);
    assert.equal(compiledSelector('[['), undefined);
    assert.equal(typeof compiledSelector('figcaption, .x:not(.y)'), 'function');
  });
});
