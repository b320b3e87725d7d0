/**
 * The body model skips markdown-it when a text cannot hold a code block, and parses blocks only (no inline rules)
 * when it can. Both shortcuts must find exactly the code blocks of the full parse: checked on the corpus, the rule
 * fixtures, the fuzz posts and random Markdown made of the characters that open blocks.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { codeBlockLines, mayHoldCodeBlock, parseBody } from '../server/src/core/body';
import { REPO } from './helpers/cli';
import { listFixtures } from './helpers/fixtures';
import { hostilePosts, prng } from './helpers/hostile';

const CORPUS = path.resolve(REPO, '../shared/corpus');
const full = new MarkdownIt({ html: true });

function corpusTexts(): string[] {
  const dirs = ['_posts', 'seed'].map((dir) => path.join(CORPUS, dir)).filter((dir) => existsSync(dir));
  return dirs.flatMap((dir) => readdirSync(dir).map((name) => readFileSync(path.join(dir, name), 'utf8')));
}

/** Lines made of what opens Markdown blocks: blanks, tabs, quote and list markers, fences, text, CR line breaks. */
function randomMarkdown(random: () => number): string {
  const pieces = [' ', ' ', ' ', '  ', '    ', '\t', '>', '> ', '-', '- ', '*', '+ ', '1.', '2) ', '10.', '```', '~~~', '``', '#', 'text', '<div>', '</div>', '<pre>', '`', '\r', '\r\n'];
  const lines: string[] = [];
  const count = 1 + Math.floor(random() * 12);
  for (let i = 0; i < count; i++) {
    let line = '';
    const n = Math.floor(random() * 6);
    for (let j = 0; j < n; j++) line += pieces[Math.floor(random() * pieces.length)];
    lines.push(random() < 0.7 ? line + 'word' : line);
  }
  return lines.join('\n');
}

/** Compares the shortcut with the full parse; returns whether the scan let the text skip the parse. */
function same(text: string, name: string): boolean {
  const expected = codeBlockLines(text, full);
  assert.deepEqual(codeBlockLines(text), expected, `${name}: the block-only parse differs from the full parse`);
  const skipped = !mayHoldCodeBlock(text);
  if (skipped) assert.deepEqual(expected, [], `${name}: the scan skips a text with a code block`);
  return skipped;
}

describe('code blocks without the full Markdown parse', () => {
  it('finds the code blocks of the full parse in corpus posts, fixtures and fuzz posts', { timeout: 120_000 }, () => {
    const fixtures = listFixtures().map((f) => readFileSync(f.file, 'utf8'));
    const inputs = [
      ...corpusTexts().map((text, i) => ({ name: `corpus ${i}`, text })),
      ...fixtures.map((text, i) => ({ name: `fixture ${i}`, text })),
      ...hostilePosts(fixtures, 20240606, 2500),
    ];
    let skipped = 0;
    let withCode = 0;
    for (const { name, text } of inputs) {
      if (same(text, name)) skipped++;
      if (codeBlockLines(text, full).length > 0) withCode++;
    }
    // Both sides are exercised: texts that skip the parse and texts with code blocks.
    assert.ok(skipped > inputs.length / 4, `only ${skipped} of ${inputs.length} texts skip the parse`);
    assert.ok(withCode > 10, `only ${withCode} texts hold a code block`);
  });

  it('finds the code blocks of the full parse in random Markdown', () => {
    const random = prng(7);
    let skipped = 0;
    let withCode = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = randomMarkdown(random);
      if (same(text, `random ${i}: ${JSON.stringify(text)}`)) skipped++;
      if (codeBlockLines(text).length > 0) withCode++;
    }
    assert.ok(skipped > 1000 && withCode > 1000, `skipped ${skipped}, with code ${withCode}`);
  });

  it('blanks code blocks and spans, and leaves a text without them as it is', () => {
    const text = 'Intro `x` here\n\n    indented code\n\n```\nfenced\n```\n\n- item\n\n      listed code\n\n>     quoted code\n';
    const body = parseBody(text, { offset: 0, length: text.length }, 'markdown');
    assert.equal(body.masked, 'Intro     here\n\n                 \n\n   \n      \n   \n\n- item\n\n                 \n\n                 \n');
    const plain = '<p>No code here.</p>\n  <p>Two spaces.</p>\n';
    assert.equal(parseBody(plain, { offset: 0, length: plain.length }, 'markdown').masked, plain);
  });
});
