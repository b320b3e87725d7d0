/** Jekyll's reading of a post's `date`, computed once per post and shared by the date rules. */
import type { FrontMatterEntry } from '../../frontMatter';
import { jekyllDate, type JekyllDateResult } from '../../jekyll/jekyllDate';
import type { Post } from '../../post';
import type { RuleContext } from '../../rule';

export interface DateReading {
  entry: FrontMatterEntry;
  result: JekyllDateResult;
}

const cache = new WeakMap<Post, { key: string; reading: DateReading | undefined }>();

/** The site-relative path Jekyll prints in its messages (`_posts/x.md`). */
export function documentPath(context: RuleContext): string {
  const path = context.post.file.path;
  const root = context.site.root;
  return root && path.startsWith(root + '/') ? path.slice(root.length + 1) : path.split('/').slice(-2).join('/');
}

export function readDate(context: RuleContext): DateReading | undefined {
  const entry = context.entry('date');
  if (!entry) return undefined;
  const key = `${context.now.getTime()}|${context.site.timezone ?? ''}`;
  const cached = cache.get(context.post);
  if (cached && cached.key === key) return cached.reading;
  const result = jekyllDate(entry.value, { now: context.now, timeZone: context.site.timezone, docPath: documentPath(context) });
  const reading = { entry, result };
  cache.set(context.post, { key, reading });
  return reading;
}

/** The zone Jekyll builds in, for messages. */
export function zoneName(context: RuleContext): string {
  return context.site.timezone ? `the site's time zone (${context.site.timezone})` : "the build machine's time zone (no timezone: in _config.yml)";
}
