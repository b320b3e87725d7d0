/**
 * Seeded fuzzing of the core: a few thousand hostile posts (mutated fixtures and the attacks of issue #6), each
 * parsed and linted. Nothing may throw, every problem must lie inside the text, and the whole run stays within
 * generous bounds of time and heap. A failure names its seed and index: hostilePosts(fixtures, seed, n) replays it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lintPost } from '../server/src/core/lint';
import { parsePost } from '../server/src/core/post';
import { RULE_CATALOG } from '../server/src/core/rules';
import { findSiteRoot, loadSite } from '../server/src/core/site';
import { MemoryWorkspace } from '../server/src/core/workspace';
import { listFixtures } from './helpers/fixtures';
import { hostilePosts } from './helpers/hostile';

const SEED = 20240606;
const COUNT = 2500;
const PATH = '/s/_posts/2025-01-02-fuzz.md';

describe('fuzzing the core', () => {
  it(`parses and lints ${COUNT} hostile posts without throwing, with problems inside the text`, { timeout: 120_000 }, async () => {
    const fixtures = listFixtures().map((f) => readFileSync(f.file, 'utf8'));
    const workspace = new MemoryWorkspace({
      '/s/_config.yml': 'newsdesk:\n  tags: [news, local, sport]\n  categories: [world, city]\n',
      '/s/_layouts/post.html': '{{ content }}',
      '/s/_data/authors.yml': 'desk: &d {name: Desk}\nann: *d\n',
    });
    const site = await loadSite((await findSiteRoot(PATH, workspace)) ?? '/', workspace, RULE_CATALOG);
    const heapBefore = process.memoryUsage().heapUsed;
    const start = performance.now();
    let slowest = { name: '', ms: 0 };
    let problemsSeen = 0;
    for (const { name, text } of hostilePosts(fixtures, SEED, COUNT)) {
      const t0 = performance.now();
      let problems;
      try {
        problems = lintPost(parsePost(text, PATH), { site, now: new Date('2026-01-01T00:00:00Z'), onRuleError: (id, error) => { throw new Error(`rule ${id}: ${String(error)}`); } });
      } catch (error) {
        assert.fail(`${name}: ${(error as Error).stack ?? String(error)}`);
      }
      for (const p of problems) {
        assert.ok(p.offset >= 0 && p.length >= 0 && p.offset + p.length <= text.length, `${name}: ${p.rule} at ${p.offset}+${p.length} is outside the text (${text.length})`);
      }
      problemsSeen += problems.length;
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { name, ms };
    }
    const total = performance.now() - start;
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    assert.ok(problemsSeen > COUNT, 'the mutated posts should have problems');
    // Generous: the run takes a few seconds on two cores; a quadratic path or a leak takes far more.
    assert.ok(slowest.ms < 10_000, `${slowest.name} took ${slowest.ms.toFixed(0)} ms`);
    assert.ok(total < 60_000, `${COUNT} posts took ${total.toFixed(0)} ms`);
    assert.ok(heapGrowth < 400e6, `the heap grew by ${(heapGrowth / 1e6).toFixed(0)} MB`);
  });
});
