/**
 * A post's URL on the published site, from its file, its front matter and the site's permalink: the inputs of
 * jekyll/permalink.ts read as Jekyll reads them (Document#read_post_data). Undefined where Jekyll would not build the
 * post at that URL or we cannot know it (a draft, a date that stops the build, a template Jekyll refuses).
 */
import type { FrontMatterEntry } from './frontMatter';
import { jekyllDate } from './jekyll/jekyllDate';
import { MARKDOWN_EXTENSIONS } from './jekyll/paths';
import { civilTimeOf, postUrl } from './jekyll/permalink';
import { rubyToS, type PsychValue } from './jekyll/psych';
import { utcOffsetAt, processTimeZone } from './jekyll/localTime';
import type { Post } from './post';
import type { SiteContext } from './site';

const toS = (value: PsychValue, timeZone: string): string => rubyToS(value, (ms) => utcOffsetAt(ms, timeZone));
const isNil = (value: PsychValue | undefined): boolean => value === undefined || value.kind === 'null';

/** Array(x) of a front-matter value, items as Ruby's to_s. */
function rubyArray(value: PsychValue, timeZone: string, compact = false): string[] {
  if (value.kind === 'null') return [];
  if (value.kind === 'seq') return value.items.filter((item) => !compact || item.kind !== 'null').map((item) => (item.kind === 'null' ? '' : toS(item, timeZone)));
  return [toS(value, timeZone)];
}

/**
 * Document#categories_from_path, the front matter merged in (merge_categories!: a String is split, the folders come
 * first, `|` keeps each once), then populate_categories (the singular `category` wins over the plural; `uniq`).
 */
export function postCategories(relativePath: string, entry: (key: string) => FrontMatterEntry | undefined, timeZone: string): string[] | undefined {
  const superdirs = relativePath.startsWith('_posts') ? [] : relativePath.replace(/_posts[\s\S]*/, '').split('/').filter((c) => c !== '' && c !== '_posts');
  let categories: string[] = superdirs;
  const plural = entry('categories')?.value;
  if (!isNil(plural) && plural) {
    if (plural.kind === 'map') return undefined; // Array | Hash: Jekyll fails on it
    const own = plural.kind === 'string' ? plural.value.split(/[ \t\n\v\f\r]+/).filter(Boolean) : rubyArray(plural, timeZone);
    categories = [...new Set([...categories, ...own])];
  }
  const singular = entry('category');
  const extra = singular !== undefined && !isNil(singular.value) ? rubyArray(singular.value, timeZone, true) : categories;
  return [...new Set([...categories, ...extra])];
}

/** Where the post is published, without the baseurl (`/2024/01/15/x.html`); undefined when unknown. */
export function postUrlOf(post: Post, site: SiteContext, now: Date): string | undefined {
  const match = post.file.match;
  if (post.file.place !== 'posts' || !match || site.root === undefined) return undefined;
  const root = site.root.replace(/\/$/, '');
  if (!post.file.path.startsWith(root + '/')) return undefined;
  const relativePath = post.file.path.slice(root.length + 1);
  const fm = post.frontMatter;
  // A front matter Jekyll cannot read is dropped whole: the post is built from its file name alone.
  const readable = fm !== undefined && fm.syntaxErrors.length === 0 && !fm.notAMapping;
  const entry = (key: string) => (readable ? fm.get(key) : undefined);
  const timeZone = site.timezone ?? processTimeZone();
  const dateEntry = entry('date');
  const dateValue: PsychValue = dateEntry && !isNil(dateEntry.value) ? dateEntry.value : { kind: 'string', value: match.date };
  const date = jekyllDate(dateValue, { now, timeZone });
  if (!date.ok) return undefined;
  const civil = civilTimeOf(date.localIso);
  const categories = postCategories(relativePath, entry, timeZone);
  if (!civil || !categories) return undefined;
  const slug = entry('slug')?.value;
  const frontMatterSlug = slug && slug.kind !== 'null' && !(slug.kind === 'bool' && !slug.value) && slug.kind !== 'seq' && slug.kind !== 'map' ? toS(slug, timeZone) : undefined;
  const permalink = entry('permalink')?.value;
  if (permalink && permalink.kind !== 'null' && permalink.kind !== 'string') return undefined;
  const ext = match.ext;
  return postUrl({
    template: site.postsPermalink,
    permalink: permalink?.kind === 'string' ? permalink.value : undefined,
    date: civil,
    fileSlug: match.slug,
    frontMatterSlug,
    basename: post.file.name.slice(0, post.file.name.length - ext.length),
    relativePathWithoutExt: relativePath.slice(0, relativePath.length - ext.length),
    categories,
    outputExt: MARKDOWN_EXTENSIONS.includes(ext.toLowerCase()) ? '.html' : ext,
  });
}
