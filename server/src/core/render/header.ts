/**
 * The preview's header: the front-matter fields a news post shows above the article, read as Jekyll reads them
 * (Ruby's `to_s` of each value, the date as `page.date` in the site's time zone), and the local images of the
 * rendered HTML mapped to the files of the source tree the site serves them from.
 */
import { Parser } from 'htmlparser2';
import { jekyllDate } from '../jekyll/jekyllDate';
import { processTimeZone, utcOffsetAt } from '../jekyll/localTime';
import { rubyToS, type PsychValue } from '../jekyll/psych';
import { addressResolver, pathInSite } from '../localImages';
import type { Post } from '../post';
import { postCategories } from '../postUrl';
import type { SiteContext } from '../site';

export interface ArticleHeader {
  title?: string;
  /** `page.date` as `%Y-%m-%d %H:%M:%S %z` in the site's zone; undefined when Jekyll cannot read it. */
  date?: string;
  author?: string;
  from?: string;
  tags: string[];
  categories: string[];
}

const isNil = (value: PsychValue | undefined): value is undefined => value === undefined || value.kind === 'null';

/** Array(x) of a value as strings; a String of `tags` is split on whitespace, as Jekyll does. */
function listOf(value: PsychValue | undefined, toS: (v: PsychValue) => string): string[] {
  if (isNil(value)) return [];
  if (value.kind === 'string') return value.value.split(/\s+/).filter(Boolean);
  if (value.kind === 'seq') return value.items.filter((item) => item.kind !== 'null').map(toS);
  return [toS(value)];
}

/** Jekyll's title from a slug when the front matter has none (`ferry-fares` → `Ferry Fares`). */
const titleFromSlug = (slug: string): string => slug.split('-').filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');

export function articleHeader(post: Post, site: SiteContext, now: Date): ArticleHeader {
  const fm = post.frontMatter;
  const readable = fm !== undefined && fm.syntaxErrors.length === 0 && !fm.notAMapping;
  const entry = (key: string) => (readable ? fm.get(key) : undefined);
  const timeZone = site.timezone ?? processTimeZone();
  const toS = (value: PsychValue) => rubyToS(value, (ms) => utcOffsetAt(ms, timeZone));
  const text = (key: string) => {
    const value = entry(key)?.value;
    return isNil(value) ? undefined : toS(value);
  };
  const dateValue = entry('date')?.value;
  const written: PsychValue | undefined = !isNil(dateValue) ? dateValue : post.file.match ? { kind: 'string', value: post.file.match.date } : undefined;
  const date = written && jekyllDate(written, { now, timeZone });
  const relativePath = site.root !== undefined && post.file.path.startsWith(site.root.replace(/\/$/, '') + '/') ? post.file.path.slice(site.root.replace(/\/$/, '').length + 1) : post.file.name;
  return {
    title: text('title') ?? (post.file.match?.slug ? titleFromSlug(post.file.match.slug) : undefined),
    date: date && date.ok ? date.localIso : undefined,
    author: text('author'),
    from: text('from'),
    tags: listOf(entry('tags')?.value, toS),
    categories: postCategories(relativePath, entry, timeZone) ?? [],
  };
}

/**
 * The `src` of each local image in the rendered HTML and the source file the published site serves for it
 * (relative addresses against the post's URL under the baseurl, root-relative ones against the domain root).
 */
export function localImageFiles(html: string, post: Post, site: SiteContext, now: Date): Record<string, string> {
  const files: Record<string, string> = {};
  // Without `<img` there is no image to look up: a long text-only post is not parsed a third time.
  if (site.root === undefined || !/<img/i.test(html)) return files;
  const root = site.root.replace(/\/$/, '');
  const resolve = addressResolver(post, site, now);
  const sources = new Set<string>();
  new Parser({ onopentag: (name, attributes) => void (name === 'img' && attributes.src !== undefined && sources.add(attributes.src)) }).end(html);
  for (const src of sources) {
    // A post without a known URL (a draft): where a relative address points is not known.
    const resolved = resolve(src);
    const inSite = resolved && pathInSite(resolved.urlPath, site);
    if (inSite !== undefined) files[src] = root + inSite;
  }
  return files;
}
