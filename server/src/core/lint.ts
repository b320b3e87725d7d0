/**
 * Runs the rules over one site file: a post, the site's `_config.yml`, a `_data` file, or the outcome of reading a
 * file. A rule that throws is contained and reported through `onRuleError`; the other rules still report.
 */
import type { FileFacts } from './localImages';
import type { Post } from './post';
import type { RemoteImageFacts } from './remote';
import {
  EMPTY_INDEX,
  isPostRule,
  type ConfigRule,
  type DataFile,
  type DataRule,
  type FileOutcome,
  type FileRule,
  type PostIndex,
  type Rule,
  type RuleContext,
} from './rule';
import { RULES } from './rules';
import type { ConfigDocument, RuleCatalog, SiteContext } from './site';
import type { Range } from './frontMatter';
import { NEVER_CANCELLED, type Cancellation, type Fix, type Problem, type SeveritySetting } from './types';

export interface LintOptions {
  site: SiteContext;
  /** The build time, taken once for the whole check (every rule sees the same instant). */
  now?: Date;
  index?: PostIndex;
  /** Files looked at before the check (gatherLocalImageFacts); a path not looked at is unknown. */
  files?: FileFacts;
  /** Results of fetching remote images, for the rules that report them (none: those rules are silent). */
  remote?: RemoteImageFacts;
  /** Editor-level overrides (VS Code settings); they win over `_config.yml`. */
  severityOverrides?: Record<string, SeveritySetting>;
  rules?: readonly Rule[];
  onRuleError?: (ruleId: string, error: unknown) => void;
  token?: Cancellation;
}

export function effectiveSeverity(rule: Rule, options: Pick<LintOptions, 'site' | 'severityOverrides'>): SeveritySetting {
  return options.severityOverrides?.[rule.id] ?? options.site.settings.rules[rule.id] ?? rule.defaultSeverity;
}

type Report = (problem: { range: Range; message: string; fixes?: Fix[] }) => void;

/** The loop every kind of rule shares: severity, cancellation, containment, sorting. */
function run<R extends Rule>(rules: readonly R[], options: LintOptions, check: (rule: R, report: Report) => void): Problem[] {
  const problems: Problem[] = [];
  const token = options.token ?? NEVER_CANCELLED;
  for (const rule of rules) {
    if (token.isCancellationRequested) break;
    const severity = effectiveSeverity(rule, options);
    if (severity === 'off') continue;
    const report: Report = ({ range, message, fixes }) =>
      problems.push({ rule: rule.id, severity, message, offset: range.offset, length: range.length, fixes: fixes ?? [] });
    try {
      check(rule, report);
    } catch (error) {
      options.onRuleError?.(rule.id, error);
    }
  }
  return problems.sort((a, b) => a.offset - b.offset || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

function rulesOf<K extends 'config' | 'data' | 'file'>(options: LintOptions, kind: K): Array<Extract<Rule, { appliesTo: K }>> {
  return (options.rules ?? RULES).filter((rule): rule is Extract<Rule, { appliesTo: K }> => rule.appliesTo === kind);
}

export function lintPost(post: Post, options: LintOptions): Problem[] {
  const frontMatter = post.frontMatter;
  const now = options.now ?? new Date();
  const index = options.index ?? EMPTY_INDEX;
  const entry = (key: string) => frontMatter?.get(key);
  return run((options.rules ?? RULES).filter(isPostRule), options, (rule, report) => {
    const context: RuleContext = { post, frontMatter, site: options.site, now, index, files: options.files, remote: options.remote, entry, report };
    rule.check(context);
  });
}

export function lintConfig(config: ConfigDocument, catalog: RuleCatalog, options: LintOptions): Problem[] {
  return run<ConfigRule>(rulesOf(options, 'config'), options, (rule, report) => rule.check({ config, catalog, site: options.site, report }));
}

export function lintData(data: DataFile, options: LintOptions): Problem[] {
  return run<DataRule>(rulesOf(options, 'data'), options, (rule, report) => rule.check({ data, site: options.site, report }));
}

export function lintFile(file: FileOutcome, options: LintOptions): Problem[] {
  return run<FileRule>(rulesOf(options, 'file'), options, (rule, report) => rule.check({ file, report }));
}
