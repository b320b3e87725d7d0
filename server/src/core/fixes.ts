/**
 * Applying fixes, and checking them first: a fix is offered or written only when the fixed front matter, parsed again
 * as Jekyll parses it, gives the intended value for the keys it changes and the same value for every other key.
 */
import { parseFrontMatter, type FrontMatter } from './frontMatter';
import type { Post } from './post';
import type { ExpectedValue, Fix, Problem, TextEdit } from './types';

/** Applies edits that do not overlap (earlier ones win); returns the new text and how many edits were applied. */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const parts: string[] = [];
  let cursor = 0;
  let applied = 0;
  for (const edit of sorted) {
    if (edit.length < 0 || edit.offset < cursor || edit.offset + edit.length > text.length) continue;
    parts.push(text.slice(cursor, edit.offset), edit.newText);
    cursor = edit.offset + edit.length;
    applied++;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), applied };
}

/** The first fix of every problem, without overlaps between fixes (a fix is applied whole or not at all). */
export function chooseFixes(problems: readonly Problem[]): Fix[] {
  const chosen: Fix[] = [];
  // Spans sorted by start; overlaps are found by looking at neighbours, so choosing is O(n log n) for sorted problems.
  const taken: Array<[number, number]> = [];
  /** The index of the first taken span that starts at or after `s`. */
  const firstFrom = (s: number): number => {
    let low = 0;
    let high = taken.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (taken[mid][0] < s) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const overlaps = (s: number, e: number): boolean => {
    const low = firstFrom(s);
    for (const i of [low - 1, low]) {
      const span = taken[i];
      if (!span) continue;
      const [ts, te] = span;
      // Ranges that intersect, or two insertions at the same point (their order would be arbitrary).
      if ((s < te && ts < e) || (s === e && s === ts) || (ts === te && ts === s)) return true;
    }
    return false;
  };
  for (const problem of problems) {
    const fix = problem.fixes[0];
    if (!fix) continue;
    const spans = fix.edits.map((e): [number, number] => [e.offset, e.offset + e.length]);
    if (spans.some(([s, e]) => overlaps(s, e))) continue;
    for (const span of spans) {
      // Problems come sorted by offset: the span almost always goes at the end (no shifting).
      const at = taken.length === 0 || taken[taken.length - 1][0] < span[0] ? taken.length : firstFrom(span[0]);
      taken.splice(at, 0, span);
    }
    chosen.push(fix);
  }
  return chosen;
}

/** The edits of the first fix of every problem, without overlaps between fixes. */
export function collectFixEdits(problems: readonly Problem[]): TextEdit[] {
  return chooseFixes(problems).flatMap((fix) => fix.edits);
}

/** A value as one comparable string: Dates by their instant, objects by their entries. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Date ? { $time: v.getTime() } : v)) ?? 'undefined';
}

function dataOf(frontMatter: FrontMatter): Map<string, string> {
  return new Map(Object.entries(frontMatter.data).map(([key, value]) => [key, canonical(value)]));
}

/** The keys whose lines the edits touch (any entry of the key, duplicates included). */
function touchedKeys(frontMatter: FrontMatter, edits: readonly TextEdit[]): Set<string> {
  const keys = new Set<string>();
  for (const entry of frontMatter.entries) {
    const start = entry.pairRange.offset;
    const end = start + entry.pairRange.length;
    if (edits.some((e) => e.offset < end && e.offset + e.length >= start)) keys.add(entry.key);
  }
  return keys;
}

/**
 * Why `after` is not a safe result of applying `edits` (with the intended values `expect`) to `before`, or undefined
 * when it is. Only the front matter is compared: that is what Jekyll reads as data.
 */
export function checkFixedText(before: Post, after: string, fixes: ReadonlyArray<Pick<Fix, 'edits' | 'expect'>>): string | undefined {
  const old = before.frontMatter;
  const fixed = parseFrontMatter(after);
  if (!fixed) return old ? 'the fixed text has no front matter' : undefined;
  if (fixed.syntaxErrors.length > 0 && !(old && old.syntaxErrors.length > 0)) return `the fixed front matter is not valid YAML (${fixed.syntaxErrors[0].message})`;
  if (old?.closeRange && !fixed.closeRange) return 'the fixed front matter is no longer closed';
  if (fixed.notAMapping && !old?.notAMapping) return 'the fixed front matter is no longer a mapping of keys';
  if (!old || old.syntaxErrors.length > 0) return undefined;
  const was = dataOf(old);
  const is = dataOf(fixed);
  // A fix that says what it means is held to it: every key it does not name must read as before. A fix that does not
  // say must at least leave the keys on the lines it edits in place.
  const expect: Record<string, ExpectedValue> = Object.assign({}, ...fixes.map((f) => f.expect ?? {}));
  const touched = touchedKeys(old, fixes.filter((f) => !f.expect || Object.keys(f.expect).length === 0).flatMap((f) => f.edits));
  for (const key of new Set([...was.keys(), ...is.keys(), ...Object.keys(expect)])) {
    const wanted = expect[key];
    if (wanted) {
      if ('absent' in wanted ? is.has(key) : is.get(key) !== canonical(wanted.value)) {
        return `'${key}' would read ${is.has(key) ? is.get(key) : '(absent)'} instead of ${'absent' in wanted ? '(absent)' : canonical(wanted.value)}`;
      }
    } else if (touched.has(key)) {
      if (was.has(key) && !is.has(key)) return `the fix loses the key '${key}'`;
    } else if (was.get(key) !== is.get(key)) {
      return `the fix changes '${key}', which it does not mean to touch`;
    }
  }
  return undefined;
}

/** Why a fix is unsafe for this post, or undefined when it is safe to offer. */
export function checkFix(post: Post, fix: Fix): string | undefined {
  return checkFixedText(post, applyEdits(post.text, fix.edits).text, [fix]);
}

export interface FixAllOptions {
  /** Problems of a text, or undefined when the text must not be rewritten (its front matter did not fully parse). */
  check(text: string): { post: Post; problems: Problem[] } | undefined;
  /** Told of every fix dropped because the fixed text would not read as intended. */
  onUnsafeFix?: (fix: Fix, reason: string) => void;
  maxPasses?: number;
}

/**
 * Applies every preferred fix, re-checking between passes (two fixes on one range apply one after the other), each
 * pass verified as a whole and, when that fails, fix by fix. Returns the new text, or undefined when nothing changes.
 */
export function fixAllText(text: string, options: FixAllOptions): string | undefined {
  let current = text;
  const dropped = new Set<string>();
  const keyOf = (fix: Fix) => `${fix.title}\u0000${fix.edits.map((e) => `${e.offset}:${e.length}:${e.newText}`).join('|')}`;
  for (let pass = 0; pass < (options.maxPasses ?? 10); pass++) {
    const checked = options.check(current);
    if (!checked) break;
    const candidates = checked.problems.map((p) => ({ ...p, fixes: p.fixes.filter((f) => f.preferred && !dropped.has(keyOf(f))) }));
    let fixes = chooseFixes(candidates);
    if (fixes.length === 0) break;
    const together = (list: Fix[]) => {
      const next = applyEdits(current, list.flatMap((f) => f.edits)).text;
      return { next, reason: checkFixedText(checked.post, next, list) };
    };
    let result = together(fixes);
    if (result.reason !== undefined) {
      // Some are unsafe, alone or together: find the largest safe groups by halving (a few parses per unsafe fix,
      // not one per fix: a post with 2,000 fixes would otherwise take seconds).
      const safe = (list: Fix[]): Fix[] => {
        if (list.length === 0) return [];
        const reason = together(list).reason;
        if (reason === undefined) return list;
        if (list.length === 1) {
          dropped.add(keyOf(list[0]));
          options.onUnsafeFix?.(list[0], reason);
          return [];
        }
        const half = list.length >> 1;
        return [...safe(list.slice(0, half)), ...safe(list.slice(half))];
      };
      fixes = safe(fixes);
      if (fixes.length === 0) continue;
      result = together(fixes);
      if (result.reason !== undefined) break;
    }
    if (result.next === current) break;
    current = result.next;
  }
  return current === text ? undefined : current;
}

/** The smallest single edit that turns `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { offset: start, length: endBefore - start, newText: after.slice(start, endAfter) };
}

/** Whether a post may be rewritten by fixes: never when its front matter could not be fully parsed. */
export function isSafeToFix(post: Post): boolean {
  const fm = post.frontMatter;
  return !fm || (fm.syntaxErrors.length === 0 && fm.closeRange !== undefined);
}
