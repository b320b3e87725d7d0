/**
 * Completions in a post: front-matter keys Jekyll reads, `layout` values from the site's `_layouts/`, tags,
 * categories and authors from the index (most used first), `date` as now in the site's zone, and in the body local
 * image addresses written as the post's URL resolves them. Read from the text around the cursor, so that they work
 * while the YAML or the Markdown is half typed. Ranges are offsets; the LSP edge turns them into positions.
 */
import { posix } from 'node:path';
import type { Facet, FacetCount } from './facetIndex';
import { locateFrontMatter } from './frontMatter';
import { formatRubyLocal } from './jekyll/jekyllDate';
import { processTimeZone } from './jekyll/localTime';
import { isWalkedFolder } from './jekyll/paths';
import { addressResolver, normalizedBaseurl, pathInSite } from './localImages';
import type { Post } from './post';
import type { SiteContext } from './site';
import type { Range } from './frontMatter';
import type { Workspace } from './workspace';

export type CompletionKind = 'key' | 'value' | 'file';

export interface Completion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** The text that replaces `range` (the label when absent). */
  insertText?: string;
  /** What the client sorts by (the order given here). */
  sortText: string;
  range: Range;
}

/** The keys Jekyll and news themes read, with what each does. */
export const FRONT_MATTER_KEYS: ReadonlyArray<{ key: string; documentation: string }> = [
  { key: 'title', documentation: 'The headline (`page.title`). Without it Jekyll makes one from the file name.' },
  { key: 'date', documentation: 'When the story is published: `YYYY-MM-DD HH:MM:SS +ZZZZ`. Overrides the date of the file name; a date in the future is not published unless the site sets `future: true`.' },
  { key: 'author', documentation: 'The byline (`page.author`); the site may list its known authors in `_data/authors.yml`.' },
  { key: 'from', documentation: 'The URL of the original story this post reports or mirrors; two posts with one source are flagged.' },
  { key: 'tags', documentation: 'A list of tags (`site.tags`). A String is split at every space.' },
  { key: 'categories', documentation: 'A list of categories, after the folders above `_posts`; they also go into the URL of most permalink styles.' },
  { key: 'layout', documentation: 'The layout in `_layouts/` the post is placed in; `none` publishes the article alone.' },
  { key: 'published', documentation: '`false` keeps the post off the site (unless Jekyll runs with `--unpublished`).' },
  { key: 'permalink', documentation: 'The URL of this post, instead of the site\'s permalink style.' },
  { key: 'excerpt', documentation: 'The summary shown in lists and feeds, instead of the first paragraph.' },
  { key: 'excerpt_separator', documentation: 'Where the automatic excerpt ends, for this post.' },
  { key: 'slug', documentation: 'The `:slug` of the URL, instead of the one in the file name.' },
  { key: 'description', documentation: 'The page description (jekyll-seo-tag, feeds).' },
  { key: 'image', documentation: 'The lead image for social cards (jekyll-seo-tag).' },
  { key: 'comments', documentation: 'Whether the theme shows comments.' },
  { key: 'lang', documentation: 'The language of the post (`zh-Hans`, `zh-Hant`, `en`).' },
  { key: 'last_modified_at', documentation: 'When the story was last updated (jekyll-last-modified-at, jekyll-seo-tag).' },
  { key: 'redirect_from', documentation: 'Old URLs that redirect here (jekyll-redirect-from).' },
  { key: 'render_with_liquid', documentation: '`false` publishes the text without running Liquid (Jekyll 4).' },
  { key: 'sitemap', documentation: '`false` leaves the post out of the sitemap (jekyll-sitemap).' },
];

const FACET_OF_KEY: Record<string, Facet> = { tags: 'tags', tag: 'tags', categories: 'categories', category: 'categories', author: 'author' };

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg', '.avif'];
/** The most image files listed for one completion (an archive of years of photos stays quick). */
export const MAX_IMAGE_FILES = 2000;

export interface CompletionContext {
  post: Post;
  offset: number;
  site: SiteContext;
  workspace: Workspace;
  now: Date;
  /** The indexed values of a facet in this post's site, most used first. */
  facetValues(facet: Facet): Promise<FacetCount[]>;
}

const order = (i: number): string => String(i).padStart(6, '0');

export async function completionsAt(ctx: CompletionContext): Promise<Completion[]> {
  const text = ctx.post.text;
  const located = locateFrontMatter(text);
  const contentEnd = located ? located.content.offset + located.content.length : 0;
  if (located && ctx.offset >= located.content.offset && ctx.offset <= contentEnd) return frontMatterCompletions(ctx, text.slice(located.content.offset, contentEnd), located.content.offset);
  if (located && ctx.offset < located.content.offset) return [];
  return bodyCompletions(ctx);
}

async function frontMatterCompletions(ctx: CompletionContext, yaml: string, base: number): Promise<Completion[]> {
  const at = ctx.offset - base;
  const lineStart = yaml.lastIndexOf('\n', at - 1) + 1;
  const prefix = yaml.slice(lineStart, at);
  const lineEnd = yaml.indexOf('\n', at) === -1 ? yaml.length : yaml.indexOf('\n', at);
  const rest = yaml.slice(at, lineEnd);

  // A key being typed at the start of a line.
  if (/^[A-Za-z_][\w-]*$|^$/.test(prefix) && !/^[\w-]*:/.test(rest)) {
    const present = new Set<string>();
    for (const match of yaml.matchAll(/^([^\s:#-][^:\n]*):/gm)) if (match.index !== lineStart) present.add(match[1].trim());
    const wordEnd = at + (/^[\w-]*/.exec(rest)?.[0].length ?? 0);
    const range = { offset: base + lineStart, length: wordEnd - lineStart };
    return FRONT_MATTER_KEYS.filter((k) => !present.has(k.key)).map((k, i) => ({ label: k.key, kind: 'key', documentation: k.documentation, insertText: `${k.key}: `, sortText: order(i), range }));
  }

  const keyed = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$/.exec(prefix);
  const item = /^[ \t]*-[ \t]*(.*)$/.exec(prefix);
  let key: string | undefined;
  let typed = '';
  let inFlow = false;
  if (keyed) {
    key = keyed[1];
    const value = keyed[2];
    if (value.startsWith('[')) {
      inFlow = true;
      typed = value.slice(Math.max(value.lastIndexOf(','), value.lastIndexOf('[')) + 1).replace(/^[ \t]+/, '');
    } else typed = value;
  } else if (item) {
    // A block list item: the key is the nearest line above that starts at column 0.
    const above = yaml.slice(0, lineStart).split('\n').reverse();
    const owner = above.find((line) => /^[^\s#-]/.test(line));
    key = owner ? /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*$/.exec(owner)?.[1] : undefined;
    typed = item[1];
  }
  if (key === undefined) return [];
  const range = { offset: ctx.offset - typed.length, length: typed.length };

  const facet = FACET_OF_KEY[key];
  if (facet) {
    const present = new Set(inFlow ? (keyed?.[2] ?? '').slice(1).split(',').map((v) => v.trim().replace(/^["']|["']$/g, '')) : []);
    const values = (await ctx.facetValues(facet)).filter((v) => !present.has(v.value) || v.value === typed.trim());
    return values.map((v, i) => ({
      label: v.value,
      kind: 'value',
      detail: `${v.posts} ${v.posts === 1 ? 'post' : 'posts'}`,
      insertText: yamlScalar(v.value, inFlow),
      sortText: order(i),
      range,
    }));
  }
  if (key === 'layout' && !inFlow && !item) {
    const names = await layoutNames(ctx);
    return names.map((name, i) => ({ label: name, kind: 'value', detail: `_layouts/${name}`, sortText: order(i), range }));
  }
  if (key === 'date' && !inFlow && !item) {
    const now = formatRubyLocal(ctx.now.getTime(), ctx.site.timezone ?? processTimeZone());
    return [{ label: now, kind: 'value', detail: `now, in ${ctx.site.timezone ?? 'the zone of this computer (the site sets no timezone)'}`, sortText: order(0), range }];
  }
  return [];
}

/** A value as YAML writes it safely: plain when it reads back as the same String, else double-quoted. */
function yamlScalar(value: string, inFlow: boolean): string {
  const plain = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^#]*$/.test(value) && !/:\s|\s$|^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?[\d._:]+(?:[eE][-+]?\d+)?)$/i.test(value) && !(inFlow && /[,[\]{}]/.test(value));
  return plain ? value : JSON.stringify(value);
}

/** The layouts of the site (`_layouts/` file names without extension), as read now. */
async function layoutNames(ctx: CompletionContext): Promise<string[]> {
  if (ctx.site.root === undefined) return [...ctx.site.layouts].sort();
  const entries = (await ctx.workspace.readDirectory(posix.join(ctx.site.root, '_layouts'))) ?? [];
  return [...new Set(entries.filter((e) => !e.isDirectory).map((e) => e.name.replace(/\.[^.]*$/, '')))].filter(Boolean).sort();
}

async function bodyCompletions(ctx: CompletionContext): Promise<Completion[]> {
  const text = ctx.post.text;
  const lineStart = text.lastIndexOf('\n', ctx.offset - 1) + 1;
  const prefix = text.slice(lineStart, ctx.offset);
  const typed = /\bsrc[ \t]*=[ \t]*["']([^"'<>]*)$/i.exec(prefix)?.[1] ?? /!\[[^\]]*\]\(([^()\s]*)$/.exec(prefix)?.[1];
  if (typed === undefined || ctx.site.root === undefined) return [];
  const root = ctx.site.root.replace(/\/$/, '');
  const resolve = addressResolver(ctx.post, ctx.site, ctx.now);
  const rootRelative = typed.startsWith('/');
  // A relative address only works when the post has a URL; otherwise (a draft) the address from the site's root.
  const pageUrl = rootRelative ? undefined : resolve('x')?.pageUrl;
  const baseurl = normalizedBaseurl(ctx.site.baseurl);
  const range = { offset: ctx.offset - typed.length, length: typed.length };
  const images = await imageFiles(ctx.workspace, root, ctx.site);
  const out: Completion[] = [];
  for (const file of images) {
    const inSite = file.slice(root.length);
    const urlPath = baseurl + inSite;
    const address = pageUrl !== undefined ? relativeAddress(pageUrl, urlPath) : urlPath;
    const written = address.replace(/[ ()]/g, (c) => encodeURIComponent(c));
    // Offered only when the published page resolves it to this very file.
    const back = resolve(written);
    if (!back || pathInSite(back.urlPath, ctx.site) !== inSite) continue;
    out.push({ label: written, kind: 'file', detail: inSite.slice(1), sortText: order(out.length), range });
  }
  return out;
}

/** The address of `target` relative to the directory of the page at `pageUrl` (both URL paths). */
function relativeAddress(pageUrl: string, target: string): string {
  const dir = pageUrl.endsWith('/') ? pageUrl : pageUrl.slice(0, pageUrl.lastIndexOf('/') + 1);
  const relative = posix.relative(dir, target);
  return relative === '' ? posix.basename(target) : relative;
}

/** Image files of the site Jekyll may publish (not under `_` folders, `_site`, `node_modules`), at most MAX_IMAGE_FILES. */
async function imageFiles(workspace: Workspace, root: string, site: SiteContext): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await workspace.readDirectory(dir)) ?? [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (found.length >= MAX_IMAGE_FILES) return;
      const path = `${dir}/${entry.name}`;
      const relative = path.slice(root.length + 1);
      if (site.exclude.some((e) => relative === e.replace(/\/$/, '') || relative.startsWith(e.replace(/\/$/, '') + '/'))) continue;
      if (entry.isDirectory) {
        if (isWalkedFolder(entry.name) && !/^[_.]/.test(entry.name)) await walk(path);
      } else if (IMAGE_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) found.push(path);
    }
  };
  await walk(root);
  return found;
}
