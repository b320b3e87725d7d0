/** Issue #6: hostile but valid YAML is read as Psych reads it, within bounded time and memory, and never throws. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseFrontMatter } from '../server/src/core/frontMatter';
import { DATA_LIMITS, PsychReader, parseYamlBounded } from '../server/src/core/jekyll/psych';
import { lintPost } from '../server/src/core/lint';
import { parsePost } from '../server/src/core/post';
import { RULE_CATALOG } from '../server/src/core/rules';
import { findSiteRoot, loadSite } from '../server/src/core/site';
import { didYouMean, editDistance } from '../server/src/core/text/didYouMean';
import { MemoryWorkspace } from '../server/src/core/workspace';
import { HOSTILE_CASES } from './helpers/hostile';

const PATH = '/s/_posts/2025-01-02-x.md';
const NOW = new Date('2026-01-01T00:00:00Z');
const T = { timeout: 60_000 };

async function lint(post: string, files: Record<string, string> = {}) {
  const workspace = new MemoryWorkspace({ '/s/_config.yml': 'title: s\n', '/s/_layouts/post.html': '{{ content }}', ...files });
  const site = await loadSite((await findSiteRoot(PATH, workspace)) ?? '/', workspace, RULE_CATALOG);
  const parsed = parsePost(post, PATH);
  return { site, post: parsed, problems: lintPost(parsed, { site, now: NOW, onRuleError: (id, error) => assert.fail(`${id} threw: ${String(error)}`) }) };
}

describe('merge keys and aliases, as Psych reads them', () => {
  // Each expectation is Ruby 3.1's Psych.safe_load(yaml, permitted_classes: [Date, Time], aliases: true).
  const data = (yaml: string) => parseFrontMatter(`---\n${yaml}---\n`)!.data;
  it('merges a mapping alias (was: "Merge sources must be maps" for the whole run)', T, async () => {
    assert.deepEqual(data('base: &a {x: 1}\nextra:\n  <<: *a\n  y: 2\n'), { base: { x: 1 }, extra: { x: 1, y: 2 } });
    const { problems } = await lint(HOSTILE_CASES.mergeKey);
    assert.ok(!problems.some((p) => p.rule === 'front-matter/yaml-syntax'));
  });
  it('merges a list of mappings, earlier ones winning, and replaces keys given before the merge', () => {
    assert.deepEqual(data('a: &a {x: 1}\nb: &b {x: 2, z: 3}\nextra:\n  <<: [*a, *b]\n  x: 9\n').extra, { x: 9, z: 3 });
    assert.deepEqual(data('extra:\n  <<: [{x: 1}, {x: 2, y: 3}]\n').extra, { x: 1, y: 3 });
    assert.deepEqual(data('extra:\n  x: 0\n  <<: {x: 1}\n').extra, { x: 1 });
    assert.deepEqual(data('extra: {<<: {x: 1}, x: 0}\n').extra, { x: 0 });
  });
  it("merges a quoted '<<' but keeps !!str << and non-mapping sources as a '<<' key", () => {
    assert.deepEqual(data("extra:\n  '<<': {x: 1}\n").extra, { x: 1 });
    assert.deepEqual(data('extra:\n  !!str <<: {x: 1}\n').extra, { '<<': { x: 1 } });
    assert.deepEqual(data('a: &a x\nextra:\n  <<: *a\n').extra, { '<<': 'x' });
    assert.deepEqual(data('extra:\n  <<: [1, {x: 1}]\n').extra, { '<<': [1, { x: 1 }] });
    assert.deepEqual(data('extra:\n  <<: 1\n').extra, { '<<': 1 });
  });
  it('gives merged top-level keys to the rules, and a key given before a merge is reported as ignored', async () => {
    const fm = parseFrontMatter('---\nd: &d {title: Merged, layout: post}\ntitle: Mine\n<<: *d\n---\n')!;
    assert.deepEqual(fm.get('title')?.value, { kind: 'string', value: 'Merged' });
    // entries holds what is written at the top level; the merged keys are in get() and data.
    assert.deepEqual(fm.entries.map((e) => e.key), ['d', 'title']);
    assert.equal(fm.data.layout, 'post');
    const { problems } = await lint('---\nd: &d {title: Merged}\ntitle: Mine\n<<: *d\n---\n');
    assert.deepEqual(problems.filter((p) => p.rule === 'front-matter/duplicate-key').length, 1);
  });
  it('reads an alias value as its anchor and reports an unknown alias as Psych does', () => {
    const fm = parseFrontMatter('---\nt: &t Hello\ntitle: *t\n---\n')!;
    assert.deepEqual(fm.get('title')?.value, { kind: 'string', value: 'Hello' });
    assert.match(parseFrontMatter(HOSTILE_CASES.unknownAlias)!.syntaxErrors[0].message, /^Unknown alias: nowhere/);
  });
  it('reads a self-referencing anchor without looping', T, () => {
    const fm = parseFrontMatter(HOSTILE_CASES.selfMerge)!;
    assert.ok(fm.syntaxErrors.length <= 1);
  });
});

describe('bounded work', () => {
  it('names a nested flow mapping key by its source (was: 1.5 GB, then "Invalid string length")', T, async () => {
    const before = process.memoryUsage().heapUsed;
    const fm = parseFrontMatter(HOSTILE_CASES.nestedFlowKey)!;
    assert.deepEqual(fm.syntaxErrors, []);
    const k = fm.data.k as Record<string, unknown>;
    assert.deepEqual(Object.keys(k), [`${'{'.repeat(29)}a${'}'.repeat(29)}`]);
    assert.ok(process.memoryUsage().heapUsed - before < 50e6);
    const long = parseFrontMatter(`---\nk: {[${'x, '.repeat(1000)}x]: 1}\n---\n`)!;
    assert.ok(Object.keys(long.data.k as object)[0].length <= DATA_LIMITS.maxKeyText + 1);
  });
  it('reads _data/authors.yml with many aliases (was: "Excessive alias count" for every post)', T, async () => {
    const authors = 'base: &b {name: B}\n' + Array.from({ length: 500 }, (_, i) => `a${i}: *b`).join('\n') + '\n';
    const { site, problems } = await lint('---\ntitle: x\nauthor: a7\n---\n', { '/s/_data/authors.yml': authors });
    assert.equal(site.authors?.has('a499'), true);
    assert.ok(!problems.some((p) => p.rule === 'author/unknown'));
  });
  it('refuses a billion laughs by its expanded size, in front matter and in _data/authors.yml', T, async () => {
    const fm = parseFrontMatter(HOSTILE_CASES.billionLaughs)!;
    assert.equal(fm.syntaxErrors.length, 1);
    assert.equal(fm.syntaxErrors[0].limit, true);
    assert.match(fm.syntaxErrors[0].message, /expand to more than/);
    const { site } = await lint('---\ntitle: x\n---\n', { '/s/_data/authors.yml': HOSTILE_CASES.billionLaughs.replace(/---\n/g, '') });
    assert.equal(site.authors, undefined);
  });
  it('counts the work of merges and expansion and stops at the limit', () => {
    const yaml = 'a: &a {' + Array.from({ length: 1000 }, (_, i) => `x${i}: 1`).join(', ') + '}\n' + Array.from({ length: 2000 }, (_, i) => `b${i}: {<<: *a}`).join('\n');
    const { doc } = parseYamlBounded(yaml, { version: '1.1', uniqueKeys: false });
    const reader = new PsychReader(doc!.contents, yaml, { ...DATA_LIMITS, maxNodes: 100_000 });
    assert.throws(() => reader.value(doc!.contents as never), /more than 100000/);
    assert.ok(reader.work <= 100_000 + 1000);
  });
  it('refuses deep nesting before parsing (was: seconds, or V8 aborting the process)', T, () => {
    const fm = parseFrontMatter(HOSTILE_CASES.deepFlow)!;
    assert.equal(fm.syntaxErrors[0]?.limit, true);
    assert.match(fm.syntaxErrors[0].message, /more than 500 levels/);
    assert.deepEqual(parseFrontMatter(`---\nk: ${'['.repeat(100)}${']'.repeat(100)}\n---\n`)!.syntaxErrors, []);
    for (const indicator of ['- ', '? ', '- ? ']) {
      const nested = parseFrontMatter(`---\nk:\n  ${indicator.repeat(5000)}x\n---\n`)!;
      assert.equal(nested.syntaxErrors[0]?.limit, true, indicator);
    }
  });
  it('compares a huge key only with candidates of about its length (was: 42 s and 580 MB)', T, async () => {
    assert.equal(didYouMean('k'.repeat(1 << 20), ['title', 'tags']), undefined);
    assert.equal(didYouMean('titel', ['title', 'tags']), 'title');
    assert.equal(didYouMean('categorie', ['categories']), 'categories');
    assert.equal(editDistance('abcdef', 'badcfe'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('kitten', 'sitting', 1), 2);
    assert.equal(editDistance('a'.repeat(100000), 'b'.repeat(100000), 2), 3);
    const { problems } = await lint(HOSTILE_CASES.hugeKey);
    assert.ok(!problems.some((p) => p.rule === 'front-matter/unknown-key'));
  });
  it('finds duplicate tags in linear time (was: 3.5 s for 20,000, over 90 s for 100,000)', T, async () => {
    const timeFor = async (n: number) => {
      const text = `---\ntags: [${Array(n).fill('a').join(', ')}]\n---\n`;
      const start = performance.now();
      const { problems } = await lint(text);
      assert.equal(problems.filter((p) => p.rule === 'tags/duplicate').length, n - 1);
      return performance.now() - start;
    };
    await timeFor(2000);
    const small = await timeFor(5000);
    const large = await timeFor(50000);
    // Ten times the items: linear work takes about ten times as long; quadratic a hundred.
    assert.ok(large < small * 40 + 500, `5,000 tags: ${small.toFixed(0)} ms, 50,000: ${large.toFixed(0)} ms`);
  });
  it('looks up lines in a one-line flow mapping without rescanning it for every key', T, () => {
    const timeFor = (n: number) => {
      const text = `---\n{${Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join(', ')}}\n---\n`;
      const start = performance.now();
      const fm = parseFrontMatter(text)!;
      assert.equal(fm.entries.length, n);
      assert.equal(fm.entries[n - 1].pairRange.offset, 4);
      return performance.now() - start;
    };
    timeFor(1000);
    const small = timeFor(5000);
    const large = timeFor(50000);
    assert.ok(large < small * 40 + 500, `5,000 keys: ${small.toFixed(0)} ms, 50,000: ${large.toFixed(0)} ms`);
  });
  it('points an unclosed quote at its opening quote, in linear time over many quotes', T, () => {
    const text = `---\n${'a: "x"\n'.repeat(20000)}b: "never closed\n---\n`;
    const fm = parseFrontMatter(text)!;
    const error = fm.syntaxErrors.find((e) => /never closed/.test(e.message));
    assert.ok(error);
    assert.equal(text.slice(error.range.offset, error.range.offset + 13), '"never closed');
  });
});
