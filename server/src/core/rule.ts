/** What a rule is: data (id, description, default severity, docs) plus a check over one parsed post. */
import type { FrontMatter, FrontMatterEntry, Range } from './frontMatter';
import type { Post } from './post';
import type { SiteContext } from './site';
import type { Fix, Severity } from './types';

/** Other posts of the site, for checks across posts (the same source twice). */
export interface PostIndex {
  /** Paths of the posts whose `from` is this URL (normalized). */
  postsWithSource(url: string): string[];
}

export const EMPTY_INDEX: PostIndex = { postsWithSource: () => [] };

export interface RuleContext {
  readonly post: Post;
  readonly frontMatter: FrontMatter | undefined;
  readonly site: SiteContext;
  /** The build time Jekyll would use (injected for tests). */
  readonly now: Date;
  readonly index: PostIndex;
  /** The effective entry of a key, when the front matter parsed. */
  entry(key: string): FrontMatterEntry | undefined;
  report(problem: { range: Range; message: string; fixes?: Fix[] }): void;
}

export interface Rule {
  /** `<area>/<name>`: the diagnostic code, the settings key and the docs anchor. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Markdown: why it matters for the published site and how to fix it. */
  docs: string;
  /** Posts (the default) or the site's `_config.yml`. */
  appliesTo?: 'post' | 'config';
  check(context: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}


/** A rule about `_config.yml`: the site loader finds its problems; the entry gives it an id, severity and docs. */
export function defineConfigRule(rule: Omit<Rule, 'check'>): Rule {
  return { ...rule, appliesTo: 'config', check: () => undefined };
}
