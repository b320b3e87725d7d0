/** Runs the rules over one parsed post; a rule that throws is contained and reported once through `onRuleError`. */
import type { Post } from './post';
import { EMPTY_INDEX, type PostIndex, type Rule, type RuleContext } from './rule';
import { RULES } from './rules';
import type { SiteContext } from './site';
import { NEVER_CANCELLED, type Cancellation, type Fix, type Problem, type SeveritySetting, type TextEdit } from './types';

export interface LintOptions {
  site: SiteContext;
  now?: Date;
  index?: PostIndex;
  /** Editor-level overrides (VS Code settings); they win over `_config.yml`. */
  severityOverrides?: Record<string, SeveritySetting>;
  rules?: readonly Rule[];
  onRuleError?: (ruleId: string, error: unknown) => void;
  token?: Cancellation;
}

export function effectiveSeverity(rule: Rule, options: Pick<LintOptions, 'site' | 'severityOverrides'>): SeveritySetting {
  return options.severityOverrides?.[rule.id] ?? options.site.settings.rules[rule.id] ?? rule.defaultSeverity;
}

export function lintPost(post: Post, options: LintOptions): Problem[] {
  const problems: Problem[] = [];
  const token = options.token ?? NEVER_CANCELLED;
  const frontMatter = post.frontMatter;
  for (const rule of options.rules ?? RULES) {
    if (token.isCancellationRequested) break;
    const severity = effectiveSeverity(rule, options);
    if (severity === 'off') continue;
    const context: RuleContext = {
      post,
      frontMatter,
      site: options.site,
      now: options.now ?? new Date(),
      index: options.index ?? EMPTY_INDEX,
      entry: (key) => frontMatter?.get(key),
      report: ({ range, message, fixes }) => problems.push({ rule: rule.id, severity, message, offset: range.offset, length: range.length, fixes: fixes ?? [] }),
    };
    try {
      rule.check(context);
    } catch (error) {
      options.onRuleError?.(rule.id, error);
    }
  }
  return problems.sort((a, b) => a.offset - b.offset || a.rule.localeCompare(b.rule));
}

/** Applies edits that do not overlap (earlier ones win); returns the new text and how many edits were applied. */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let out = '';
  let cursor = 0;
  let applied = 0;
  for (const edit of sorted) {
    if (edit.offset < cursor) continue;
    out += text.slice(cursor, edit.offset) + edit.newText;
    cursor = edit.offset + edit.length;
    applied++;
  }
  return { text: out + text.slice(cursor), applied };
}

/** The edits of the first fix of every problem, without overlaps between fixes (a fix is applied whole or not at all). */
export function collectFixEdits(problems: readonly Problem[]): TextEdit[] {
  const chosen: Fix[] = [];
  const taken: Array<[number, number]> = [];
  for (const problem of problems) {
    const fix = problem.fixes[0];
    if (!fix) continue;
    const spans = fix.edits.map((e): [number, number] => [e.offset, e.offset + e.length]);
    // Ranges that intersect, or two insertions at the same point (their order would be arbitrary).
    const overlaps = spans.some(([s, e]) => taken.some(([ts, te]) => (s < te && ts < e) || (s === e && s === ts)));
    if (overlaps) continue;
    taken.push(...spans);
    chosen.push(fix);
  }
  return chosen.flatMap((fix) => fix.edits);
}

/**
 * Applies every preferred fix, re-checking between passes (two fixes on one range apply one after the other).
 * Returns undefined when nothing changes, or the new text. `check` returns undefined when the text must not be
 * rewritten (its front matter could not be fully parsed).
 */
export function fixAllText(text: string, check: (text: string) => Problem[] | undefined, maxPasses = 10): string | undefined {
  let current = text;
  for (let pass = 0; pass < maxPasses; pass++) {
    const problems = check(current);
    if (!problems) break;
    const edits = collectFixEdits(problems.map((p) => ({ ...p, fixes: p.fixes.filter((f) => f.preferred) })));
    if (edits.length === 0) break;
    const next = applyEdits(current, edits).text;
    if (next === current) break;
    current = next;
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
