/**
 * What a rule is: data (id, description, default severity, docs) plus a check over one kind of site file: a post
 * (the default), the site's `_config.yml`, a `_data` file, or the file itself (what reading it gave).
 */
import type { FrontMatter, FrontMatterEntry, Range } from './frontMatter';
import type { FileFacts } from './localImages';
import type { Post } from './post';
import type { RemoteImageFacts } from './remote';
import type { ConfigDocument, RuleCatalog, SiteContext } from './site';
import type { Fix, Severity } from './types';
import type { ReadFailure } from './workspace';

/** Other posts of the site, for checks across posts (the same source twice). */
export interface PostIndex {
  /** Paths of the posts whose `from` is this URL (normalized). */
  postsWithSource(url: string): string[];
}

export const EMPTY_INDEX: PostIndex = { postsWithSource: () => [] };

interface Reporter {
  report(problem: { range: Range; message: string; fixes?: Fix[] }): void;
}

export interface RuleContext extends Reporter {
  readonly post: Post;
  readonly frontMatter: FrontMatter | undefined;
  readonly site: SiteContext;
  /** The build time Jekyll would use: taken once per check, the same for every rule (injected for tests). */
  readonly now: Date;
  readonly index: PostIndex;
  /** Files of the source tree looked at before the rules ran (the post's local images); absent: nothing is known. */
  readonly files?: FileFacts;
  /** Results of fetching the post's remote images, gathered before the rules run; undefined when not checked. */
  readonly remote?: RemoteImageFacts;
  /** The effective entry of a key, when the front matter parsed. */
  entry(key: string): FrontMatterEntry | undefined;
}

export interface ConfigRuleContext extends Reporter {
  readonly config: ConfigDocument;
  readonly site: SiteContext;
  /** The rule ids there are, for the settings check. */
  readonly catalog: RuleCatalog;
}

export interface DataFile {
  path: string;
  text: string;
}

export interface DataRuleContext extends Reporter {
  readonly data: DataFile;
  readonly site: SiteContext;
}

/** What reading a file gave, for the rules about the file itself. */
export interface FileOutcome {
  path: string;
  failure?: ReadFailure;
  detail?: string;
  invalidUtf8?: boolean;
}

export interface FileRuleContext extends Reporter {
  readonly file: FileOutcome;
}

interface RuleMeta {
  /** `<area>/<name>`: the diagnostic code, the settings key and the docs anchor. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Markdown: why it matters for the published site and how to fix it. */
  docs: string;
}

export interface PostRule extends RuleMeta {
  appliesTo?: 'post';
  check(context: RuleContext): void;
}

export interface ConfigRule extends RuleMeta {
  appliesTo: 'config';
  check(context: ConfigRuleContext): void;
}

export interface DataRule extends RuleMeta {
  appliesTo: 'data';
  check(context: DataRuleContext): void;
}

export interface FileRule extends RuleMeta {
  appliesTo: 'file';
  check(context: FileRuleContext): void;
}

export type Rule = PostRule | ConfigRule | DataRule | FileRule;

export function defineRule(rule: PostRule): PostRule {
  return rule;
}

export function defineConfigRule(rule: Omit<ConfigRule, 'appliesTo'>): ConfigRule {
  return { ...rule, appliesTo: 'config' };
}

export function defineDataRule(rule: Omit<DataRule, 'appliesTo'>): DataRule {
  return { ...rule, appliesTo: 'data' };
}

export function defineFileRule(rule: Omit<FileRule, 'appliesTo'>): FileRule {
  return { ...rule, appliesTo: 'file' };
}

export function isPostRule(rule: Rule): rule is PostRule {
  return rule.appliesTo === undefined || rule.appliesTo === 'post';
}
