/**
 * Every fix on every post of ../shared/corpus (issue #7, "Fixes"): each fix a rule offers, preferred or not, applied
 * alone, and fix-all, must remove what it fixes, add no problem, and keep every byte outside its edits. Problems are
 * compared by rule and place, the place of the text before mapped through the edits (test/helpers/edits.ts).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, checkFix, checkFixedText, chooseFixes, fixAllText } from '../server/src/core/fixes';
import { parseFrontMatter, type FrontMatter } from '../server/src/core/frontMatter';
import { lintPost } from '../server/src/core/lint';
import { parsePost } from '../server/src/core/post';
import { RULE_CATALOG } from '../server/src/core/rules';
import { createLanguageService } from '../server/src/core/service';
import { loadSite } from '../server/src/core/site';
import { SourceIndex, sourceOf } from '../server/src/core/sourceIndex';
import type { Fix, Problem, TextEdit } from '../server/src/core/types';
import { readTextSync, SyncFsWorkspace } from '../server/src/node/fsWorkspace';
import { REPO } from './helpers/cli';
import { bytesOutsideChanged, mapSpan } from './helpers/edits';

const CORPUS = path.resolve(REPO, '../shared/corpus');
const POSTS = path.join(CORPUS, '_posts');
const SEED = path.join(CORPUS, 'seed');
const haveCorpus = existsSync(POSTS) && existsSync(SEED);
/** The build time of every check, so that the date rules say the same thing on every run. */
const NOW = new Date('2026-01-01T00:00:00Z');

interface Subject {
  /** Where the post is checked: a seed post is checked as if it were in _posts, as its editor would have it. */
  path: string;
  text: string;
}

function subjects(): Subject[] {
  const read = (file: string) => {
    const result = readTextSync(file);
    assert.ok(result.ok && !result.invalidUtf8, `${file} cannot be read as UTF-8`);
    return result.text;
  };
  const posts = readdirSync(POSTS).sort().map((name) => ({ path: path.join(POSTS, name), text: read(path.join(POSTS, name)) }));
  const seeds = readdirSync(SEED).sort().map((name) => ({ path: path.join(POSTS, name), text: read(path.join(SEED, name)) }));
  return [...posts, ...seeds];
}

/** A fix by what it does, as fix-all tells fixes apart across passes. */
const fixKey = (fix: Fix) => `${fix.title}\u0000${fix.edits.map((e) => `${e.offset}:${e.length}:${e.newText}`).join('|')}`;

const where = (problem: Problem) => `${problem.rule}@${problem.offset}`;

/**
 * The problems of `after` that no problem of `before` accounts for. A problem of `before` accounts for at most one of
 * `after`: of its rule, at the place it maps to through the rounds of edits (two empty paragraphs in a row are two
 * problems, and removing the first moves the second to its place). Points are matched to spans by taking, for each
 * point in order, the open span that ends first: that matches as many as can be matched.
 */
function unaccounted(before: readonly Problem[], after: readonly Problem[], rounds: ReadonlyArray<readonly TextEdit[]>): Problem[] {
  const left: Problem[] = [];
  for (const rule of new Set(after.map((p) => p.rule))) {
    const spans = before.filter((p) => p.rule === rule).map((p) => mapSpan([p.offset, p.offset], rounds)).sort((x, y) => x[0] - y[0]);
    const points = after.filter((p) => p.rule === rule).sort((x, y) => x.offset - y.offset);
    let open: number[] = [];
    let next = 0;
    for (const point of points) {
      while (next < spans.length && spans[next][0] <= point.offset) open.push(spans[next++][1]);
      open = open.filter((end) => end >= point.offset);
      if (open.length === 0) {
        left.push(point);
        continue;
      }
      open.splice(open.indexOf(Math.min(...open)), 1);
    }
  }
  return left;
}

function dataOf(frontMatter: FrontMatter | undefined): Map<string, string> {
  const json = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (v instanceof Date ? { $time: v.getTime() } : v)) ?? 'undefined';
  return new Map(Object.entries(frontMatter?.data ?? {}).map(([key, value]) => [key, json(value)]));
}

/** The keys whose lines the edits touch: a fix without an `expect` may change only those. */
function keysOnLines(frontMatter: FrontMatter | undefined, edits: readonly TextEdit[]): string[] {
  return (frontMatter?.entries ?? [])
    .filter((entry) => edits.some((e) => e.offset < entry.pairRange.offset + entry.pairRange.length && e.offset + e.length >= entry.pairRange.offset))
    .map((entry) => entry.key);
}

describe('every fix on every corpus post', { skip: haveCorpus ? false : '../shared/corpus is not beside this checkout' }, () => {
  it('each fix alone removes its problem, adds none and keeps every byte outside its edits; fix-all too', { timeout: 300_000 }, async (t) => {
    const workspace = new SyncFsWorkspace();
    const logged: string[] = [];
    const service = createLanguageService({ workspace, now: () => NOW, cacheDocuments: false, log: (message) => logged.push(message) });
    const posts = subjects();
    // The index of sources, as the editor has it after its scan (from/duplicate needs the other posts).
    const index = new SourceIndex();
    for (const post of posts) {
      service.index.update(post.path, post.text);
      index.set(post.path, sourceOf(post.text));
    }
    const root = await service.siteRootOf(posts[0].path);
    assert.equal(root, CORPUS, 'the corpus posts belong to the corpus site');
    // The same lint as the service's, synchronous, for following fix-all pass by pass.
    const site = await loadSite(CORPUS, workspace, RULE_CATALOG);
    const lintText = (post: Subject, text: string) => {
      const parsed = parsePost(text, post.path, 0, root);
      return { post: parsed, problems: lintPost(parsed, { site, now: NOW, index }) };
    };

    const failures: string[] = [];
    let failureCount = 0;
    const fail = (post: Subject, message: string) => {
      if (failureCount++ < 50) failures.push(`${path.basename(post.path)}: ${message}`);
    };
    const applied = new Map<string, number>();
    let fixesApplied = 0;
    let postsWithFixes = 0;
    let fixAllChanged = 0;
    let fixAllPasses = 0;
    let unsafeOffered = 0;
    const started = Date.now();

    for (const post of posts) {
      const before = await service.checkDocument({ path: post.path, text: post.text });
      if (before.problems.some((p) => p.rule === 'internal/failure')) fail(post, before.problems[0].message);
      const withFixes = before.problems.filter((p) => p.fixes.length > 0);
      if (withFixes.length > 0) postsWithFixes++;

      // 1. Each fix alone.
      for (const problem of withFixes) {
        for (const fix of problem.fixes) {
          const name = `${where(problem)} "${fix.title}"`;
          // A fix that fails the service's own verification is never offered: it would be a rule's mistake.
          const unsafe = checkFix(parsePost(post.text, post.path, 0, root), fix);
          if (unsafe !== undefined) {
            unsafeOffered++;
            fail(post, `${name} is offered but unsafe: ${unsafe}`);
            continue;
          }
          const result = applyEdits(post.text, fix.edits);
          if (result.applied !== fix.edits.length) fail(post, `${name}: ${fix.edits.length - result.applied} of its edits overlap`);
          if (result.text === post.text) fail(post, `${name} changes nothing`);
          const outside = bytesOutsideChanged(post.text, result.text, fix.edits);
          if (outside) fail(post, `${name}: ${outside}`);
          const after = await service.checkDocument({ path: post.path, text: result.text });
          // The problems after, less those the other problems before account for: nothing may be left, neither the
          // fixed problem (same rule where it maps to) nor a new one.
          const [start, end] = mapSpan([problem.offset, problem.offset], [fix.edits]);
          const left = unaccounted(before.problems.filter((p) => p !== problem), after.problems, [fix.edits]);
          const again = left.filter((p) => p.rule === problem.rule && start <= p.offset && p.offset <= end);
          const added = left.filter((p) => !again.includes(p));
          if (again.length > 0) fail(post, `${name} leaves ${again.map(where).join(', ')}`);
          if (added.length > 0) fail(post, `${name} adds ${added.map((p) => `${where(p)} (${p.message.slice(0, 80)})`).join(', ')}`);
          applied.set(problem.rule, (applied.get(problem.rule) ?? 0) + 1);
          fixesApplied++;
        }
      }

      // 2. Fix-all, through the service, followed pass by pass through the same loop to know each pass's edits.
      const fixedByService = await service.fixAll({ path: post.path, text: post.text });
      const passes: Array<{ text: string; problems: Problem[]; dropped: Fix[] }> = [];
      const followed = fixAllText(post.text, {
        check: (text) => {
          const checked = lintText(post, text);
          passes.push({ text, problems: checked.problems, dropped: [] });
          return checked;
        },
        onUnsafeFix: (fix) => passes[passes.length - 1].dropped.push(fix),
      });
      if (followed !== fixedByService) {
        fail(post, 'fix-all through the service and through the core loop give different texts');
        continue;
      }
      if (followed === undefined) {
        if (before.problems.some((p) => p.fixes.some((f) => f.preferred))) fail(post, 'fix-all changes nothing though there are preferred fixes');
        continue;
      }
      fixAllChanged++;
      // Each pass applies the preferred fixes chosen without overlaps (less those found unsafe in an earlier pass),
      // less those found unsafe in this pass: the next text must be exactly that, every other byte kept, and read as
      // the fixes intend.
      const rounds: TextEdit[][] = [];
      const mayChange = new Set<string>();
      const droppedEarlier = new Set<string>();
      passes.forEach((pass, i) => {
        const next = passes[i + 1]?.text ?? followed;
        const candidates = pass.problems.map((p) => ({ ...p, fixes: p.fixes.filter((f) => f.preferred && !droppedEarlier.has(fixKey(f))) }));
        const kept = chooseFixes(candidates).filter((fix) => !pass.dropped.includes(fix));
        for (const fix of pass.dropped) droppedEarlier.add(fixKey(fix));
        if (next === pass.text) return;
        const edits = kept.flatMap((f) => f.edits);
        const outside = bytesOutsideChanged(pass.text, next, edits);
        if (outside) fail(post, `fix-all pass ${i + 1} is not its chosen fixes: ${outside}`);
        const reason = checkFixedText(parsePost(pass.text, post.path, 0, root), next, kept);
        if (reason) fail(post, `fix-all pass ${i + 1}: ${reason}`);
        const frontMatter = parseFrontMatter(pass.text);
        for (const fix of kept) {
          for (const key of Object.keys(fix.expect ?? {})) mayChange.add(key);
          if (!fix.expect || Object.keys(fix.expect).length === 0) for (const key of keysOnLines(frontMatter, fix.edits)) mayChange.add(key);
        }
        rounds.push(edits);
      });
      fixAllPasses += rounds.length;
      // The front matter Jekyll reads: every key no fix meant to change reads as before.
      const was = dataOf(parseFrontMatter(post.text));
      const is = dataOf(parseFrontMatter(followed));
      for (const key of new Set([...was.keys(), ...is.keys()])) {
        if (!mayChange.has(key) && was.get(key) !== is.get(key)) fail(post, `fix-all changes '${key}' (${was.get(key)} -> ${is.get(key)}), which no fix meant to touch`);
      }
      const after = await service.checkDocument({ path: post.path, text: followed });
      const added = unaccounted(before.problems, after.problems, rounds);
      if (added.length > 0) fail(post, `fix-all adds ${added.map(where).join(', ')}`);
      // What fix-all promises: no preferred fix is left that is safe to apply. (A fix it found unsafe stays offered
      // to nobody: the editor verifies before offering, so that one is left on purpose.)
      const fixedPost = parsePost(followed, post.path, 0, root);
      for (const problem of after.problems) {
        for (const fix of problem.fixes.filter((f) => f.preferred)) {
          if (checkFix(fixedPost, fix) === undefined) fail(post, `fix-all leaves ${where(problem)} with its safe preferred fix "${fix.title}"`);
        }
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const byRule = [...applied].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ${n}`).join(', ');
    t.diagnostic(`${posts.length} posts, ${postsWithFixes} with fixes; ${fixesApplied} fixes applied one by one (${byRule}); fix-all changed ${fixAllChanged} posts in ${fixAllPasses} passes; ${seconds} s`);
    assert.deepEqual(failures, [], `${failureCount} failures (the first 50 shown)`);
    // A rule that threw is contained by the service and only logged; here it is a failure.
    assert.deepEqual(logged.filter((message) => /failed/.test(message)), []);
    assert.equal(unsafeOffered, 0);
    // The corpus has fixable problems of many rules: a run that applied few fixes is not testing what it says.
    assert.ok(fixesApplied >= 500 && applied.size >= 8, `only ${fixesApplied} fixes of ${applied.size} rules were applied`);
    assert.ok(fixAllChanged >= 100, `fix-all changed only ${fixAllChanged} posts`);
  });
});
