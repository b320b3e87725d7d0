/**
 * The post inside the site's own layouts, as Jekyll 4.3 places it (Renderer#place_in_layouts, seen with Jekyll 4.3.1
 * here): the post's `layout` (or a front-matter default) names `_layouts/NAME.*`; each layout is rendered with Liquid
 * (`content` the inner result, `page` the post with its converted body as `page.content`, `layout` the front matter
 * of this layout merged under the inner ones'), then the layout its own front matter names, each layout at most once.
 * A missing first layout gives the article alone (Jekyll warns); a missing outer one ends the chain silently.
 * Layouts are read through the Workspace (unsaved editor text counts); a theme's layouts (a gem) are not available.
 *
 * For the preview, the page is taken apart: the `<body>` content (to be sanitised), and the site's stylesheets,
 * resolved to source files like local images (baseurl, relative and root-relative addresses). Sass is not compiled,
 * remote stylesheets are not loaded, inline `<style>` is kept only when it can load nothing.
 */
import { posix } from 'node:path';
import { Parser } from 'htmlparser2';
import { locateFrontMatter, parseFrontMatter } from '../frontMatter';
import { frontMatterDefault } from '../jekyll/defaults';
import { addressResolver, normalizedBaseurl, pathInSite, unpublishedReason } from '../localImages';
import type { Post } from '../post';
import type { SiteContext } from '../site';
import type { Workspace } from '../workspace';
import { renderLayoutTemplate, siteConfig, type RenderContext } from './index';

/** The site's layout around the article, for the preview. */
export interface SiteLayout {
  /** The layout files applied, innermost first (absolute paths): `_layouts/post.html`, then the one it extends. */
  chain: string[];
  /** The site's stylesheets the preview may load, in page order: absolute paths of `.css` files of the source tree. */
  stylesheets: string[];
  /** The layouts' inline `<style>` blocks that can load nothing (no `url(`, `@import`, escapes...), in page order. */
  styles: string[];
  /** The `class` of the layout's `<body>` (the site's CSS often depends on it). */
  bodyClass?: string;
  /** The referrer policy the layout's `<meta name="referrer">` sets (a valid policy token only). */
  referrer?: string;
  /** What the preview shows differently from the published page, one sentence each (missing layout, Sass, remote CSS). */
  notes: string[];
  /** A Liquid error in a layout: Jekyll stops the build on it; the layouts from that one out are left off. */
  liquidError?: string;
}

export interface LayoutFile {
  name: string;
  path: string;
  /** The layout's front matter as Psych reads it. */
  data: Record<string, unknown>;
  /** The template after the front matter. */
  content: string;
}

/** The layout a post asks for: a name, or none, and whether a front-matter default gave it. */
export interface LayoutRequest {
  name?: string;
  fromDefaults: boolean;
}

/** The most layouts one page goes through (Jekyll's own guard is that each is used once). */
const MAX_CHAIN = 20;
const MAX_STYLESHEETS = 50;
const MAX_INLINE_CSS = 256 * 1024;

const isNil = (value: unknown): boolean => value === undefined || value === null;

function relativeToSite(path: string, site: SiteContext): string {
  const root = site.root?.replace(/\/$/, '');
  return root !== undefined && path.startsWith(root + '/') ? path.slice(root.length + 1) : posix.basename(path);
}

/** The `layout` of the post's front matter; when it is left out or null, the front-matter default for it. */
export function requestedLayout(post: Post, site: SiteContext): LayoutRequest {
  const fm = post.frontMatter;
  const data = fm !== undefined && fm.syntaxErrors.length === 0 && !fm.notAMapping ? fm.data : {};
  let value = data.layout;
  let fromDefaults = false;
  if (isNil(value)) {
    const type = post.file.place === 'posts' || post.file.place === 'drafts' ? 'posts' : post.file.place === 'collection' ? relativeToSite(post.file.path, site).split('/')[0].replace(/^_/, '') : 'pages';
    value = frontMatterDefault(siteConfig(site), relativeToSite(post.file.path, site), type, 'layout');
    fromDefaults = !isNil(value);
  }
  // Jekyll looks the value up as it is: a number or a list never names a layout file.
  return isNil(value) ? { fromDefaults: false } : { name: typeof value === 'string' ? value : String(value), fromDefaults };
}

/** Jekyll's LayoutReader skips these names (EntryFilter#special? and backup files). */
const skippedName = (name: string): boolean => /^[._#~]/.test(name) || name.endsWith('~');

/**
 * The file of a layout name: `_layouts/NAME.EXT` (a name may have folders: `blog/post`), the extension dropped as
 * Jekyll drops it (the last one). Of two files with the same name, the one last in order wins, as in Jekyll's reader.
 */
export async function findLayout(name: string, site: SiteContext, workspace: Workspace): Promise<LayoutFile | undefined> {
  if (site.root === undefined || name === '' || name.startsWith('/') || name.split('/').some((s) => s === '' || s === '.' || s === '..')) return undefined;
  const folder = posix.join(site.root, '_layouts', posix.dirname(name));
  const base = posix.basename(name);
  if (name.split('/').some(skippedName)) return undefined;
  const entries = await workspace.readDirectory(folder);
  const files = (entries ?? []).filter((e) => !e.isDirectory && e.name.lastIndexOf('.') > 0 && e.name.slice(0, e.name.lastIndexOf('.')) === base).map((e) => e.name);
  const file = files.sort().pop();
  if (file === undefined) return undefined;
  const path = posix.join(folder, file);
  const read = await workspace.read(path);
  if (!read.ok) return undefined;
  return { name, path, ...layoutParts(read.text) };
}

/** A layout's front matter (as Jekyll reads it: none without a closing line, none on a YAML error) and template. */
function layoutParts(text: string): { data: Record<string, unknown>; content: string } {
  const located = locateFrontMatter(text);
  const stripped = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!located?.close) return { data: {}, content: stripped };
  const fm = parseFrontMatter(text);
  const data = fm && fm.syntaxErrors.length === 0 && !fm.notAMapping ? fm.data : {};
  return { data, content: text.slice(located.close.offset + located.close.length) };
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Jekyll's Utils.deep_merge_hashes: `over` wins, mappings merged key by key. */
function deepMerge(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) out[key] = isRecord(value) && isRecord(out[key]) ? deepMerge(out[key] as Record<string, unknown>, value) : value;
  return out;
}

const themeClause = (site: SiteContext): string => (site.theme ? ` The site's theme '${site.theme}' may provide it, but a theme's layouts (a gem) are not available to newsdesk.` : '');

/** The message for a post's layout that does not exist. */
export function missingLayoutNote(request: LayoutRequest, post: Post, site: SiteContext): string {
  const name = request.name ?? '';
  const given = request.fromDefaults ? ' (given by the front-matter defaults in _config.yml)' : '';
  const stem = name.replace(/\.[^./]*$/, '');
  const hint = stem !== name && site.layouts.has(stem) ? ` Jekyll names layouts without their extension: write '${stem}'.` : '';
  return `The layout '${name}'${given} does not exist: there is no file _layouts/${name}.* in the site. Jekyll warns (Layout '${name}' requested in ${relativeToSite(post.file.path, site)} does not exist) and publishes the article alone, with no layout.${hint}${themeClause(site)}`;
}

export interface PlacedPage {
  /** The page as Jekyll writes it (the article alone when no layout applies). */
  output: string;
  chain: string[];
  notes: string[];
  /** Notes to show on the page itself (a missing layout, a Liquid error in a layout). */
  visibleNotes: string[];
  liquidError?: string;
}

/** Places the converted article in its layouts, starting with `first` (the post's layout, already found). */
export async function placeInLayouts(article: string, first: LayoutFile, post: Post, context: RenderContext): Promise<PlacedPage> {
  const placed: PlacedPage = { output: article, chain: [], notes: [], visibleNotes: [] };
  const used = new Set<string>();
  let layout: LayoutFile | undefined = first;
  let merged: Record<string, unknown> = {};
  while (layout) {
    used.add(layout.name);
    merged = deepMerge(layout.data, merged);
    const rendered = await renderLayoutTemplate(layout.content, post, context, { content: placed.output, article, layout: merged });
    const file = relativeToSite(layout.path, context.site);
    if (rendered.error !== undefined) {
      placed.liquidError = `${file}: ${rendered.error}`;
      const note = `Liquid error in ${file}: ${rendered.error}. Jekyll stops the build on it; the page is shown without this layout and the ones it extends.`;
      placed.notes.push(note);
      placed.visibleNotes.push(note);
      return placed;
    }
    placed.output = rendered.text;
    placed.chain.push(layout.path);
    const parent = layout.data.layout;
    if (isNil(parent)) return placed;
    const parentName = typeof parent === 'string' ? parent : String(parent);
    if (used.has(parentName)) {
      placed.notes.push(`${file} extends the layout '${parentName}', which this page already went through: Jekyll uses each layout once and stops there.`);
      return placed;
    }
    if (placed.chain.length >= MAX_CHAIN) {
      placed.notes.push(`The page went through ${MAX_CHAIN} layouts; newsdesk stops there (${file} extends '${parentName}').`);
      return placed;
    }
    const next = await findLayout(parentName, context.site, context.workspace);
    if (!next && parentName !== 'none') placed.notes.push(`${file} extends the layout '${parentName}', which does not exist (no file _layouts/${parentName}.*): Jekyll stops the chain there without a warning.${themeClause(context.site)}`);
    layout = next;
  }
  return placed;
}

interface PageParts {
  /** The content of `<body>` (the whole page when it has none). */
  body: string;
  bodyClass?: string;
  referrer?: string;
  links: Array<{ href: string; media?: string }>;
  styles: string[];
}

/** The referrer policies a `<meta name="referrer">` may set (the HTML standard's tokens). */
const REFERRER_POLICIES = new Set(['no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin', 'strict-origin', 'origin-when-cross-origin', 'strict-origin-when-cross-origin', 'unsafe-url']);

/** Takes the page apart on htmlparser2 (the sanitiser's parser): the body's text as written, stylesheets, styles. */
function pageParts(html: string): PageParts {
  const parts: PageParts = { body: html, links: [], styles: [] };
  let bodyStart = -1;
  let bodyEnd = -1;
  let depth = 0;
  let style: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'body') {
          if (depth++ === 0 && bodyStart === -1) {
            bodyStart = parser.endIndex + 1;
            if (attributes.class !== undefined) parts.bodyClass = attributes.class;
          }
        } else if (name === 'link' && attributes.href !== undefined) {
          const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/);
          if (rel.includes('stylesheet') && !rel.includes('alternate')) parts.links.push({ href: attributes.href, media: attributes.media });
        } else if (name === 'style') style = '';
        else if (name === 'meta' && attributes.name?.toLowerCase() === 'referrer') {
          const policy = attributes.content?.trim().toLowerCase();
          if (policy !== undefined && REFERRER_POLICIES.has(policy)) parts.referrer = policy;
        }
      },
      ontext(text) {
        if (style !== undefined) style += text;
      },
      onclosetag(name) {
        if (name === 'style' && style !== undefined) {
          parts.styles.push(style);
          style = undefined;
        } else if (name === 'body' && depth > 0 && --depth === 0 && bodyEnd === -1) bodyEnd = parser.startIndex;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  if (bodyStart !== -1) parts.body = html.slice(bodyStart, bodyEnd === -1 || bodyEnd < bodyStart ? html.length : bodyEnd);
  return parts;
}

/**
 * Whether inline CSS can load or run nothing: no `url(`, `src(` or `image-set(` (requests), no `@import`, no
 * `expression(`, `behavior:` or `-moz-binding` (old script hooks), no backslash (escapes could spell any of them),
 * no `<` (the text must not close its `<style>` element). Site CSS that fails is left out, not rewritten.
 */
export function unsafeCssReason(css: string): string | undefined {
  const found = /url\s*\(|src\s*\(|image-set\s*\(|@import|expression\s*\(|(?<![\w-])behaviou?r\s*:|-moz-binding|javascript:|\\|</i.exec(css);
  return found ? found[0].trim() : undefined;
}

const cssClass = (value: string): string | undefined => {
  const clean = value.replace(/[^\w\s-]/g, '').replace(/\s+/g, ' ').trim();
  return clean === '' ? undefined : clean;
};

/** Where a stylesheet address leads: a source file the preview may load, or why not. */
async function stylesheetFile(href: string, context: RenderContext, resolve: ReturnType<typeof addressResolver>): Promise<{ path: string } | { note: string }> {
  const { site, workspace } = context;
  const address = href.trim();
  if (/^(?:https?:)?\/\//i.test(address)) return { note: `The stylesheet ${address} is not loaded: the preview loads only the site's own files, never remote ones.` };
  if (/^[a-z][a-z0-9+.-]*:/i.test(address)) return { note: `The stylesheet ${address.slice(0, 80)} is not loaded: only the site's own .css files are.` };
  const resolved = resolve(address);
  if (!resolved || site.root === undefined) return { note: `The stylesheet ${address} is not loaded: where it points is not known (${site.root === undefined ? 'the post is not in a site' : 'the post has no URL'}).` };
  const inSite = pathInSite(resolved.urlPath, site);
  if (inSite === undefined) return { note: `The stylesheet ${address} is outside the site's baseurl (${normalizedBaseurl(site.baseurl)}): the published page would not find it there either (write it with {{ site.baseurl }} or relative_url).` };
  const root = site.root.replace(/\/$/, '');
  const source = root + inSite;
  const unpublished = unpublishedReason(inSite.replace(/^\//, ''), site);
  if (unpublished) return { note: `The stylesheet ${address} is not published: ${unpublished}.` };
  const stat = await workspace.stat(source).catch(() => undefined);
  if (stat?.kind === 'file') {
    if (!source.toLowerCase().endsWith('.css')) return { note: `The stylesheet ${address} is not a .css file (${inSite}); the preview loads only .css files.` };
    const text = await workspace.readFile(source);
    if (text !== undefined && locateFrontMatter(text)?.close) return { note: `The stylesheet ${inSite} has front matter, so Jekyll runs it through Liquid before publishing it; the preview does not, and does not load it.` };
    return { path: source };
  }
  const stem = source.replace(/\.css$/i, '');
  for (const ext of ['.scss', '.sass']) {
    if ((await workspace.stat(stem + ext).catch(() => undefined))?.kind === 'file') {
      return { note: `The stylesheet ${address} is compiled by Jekyll from ${stem.slice(root.length + 1)}${ext} (Sass); the preview does not compile Sass, so those styles are left out.` };
    }
  }
  return { note: `The stylesheet ${address} is not in the site's source (${inSite.replace(/^\//, '')}); a plugin may make it at build time. It is not loaded.` };
}

/** The page's body for the preview and the site's styles it may use. */
export async function siteStyles(output: string, post: Post, context: RenderContext): Promise<{ body: string } & Pick<SiteLayout, 'stylesheets' | 'styles' | 'bodyClass' | 'referrer' | 'notes'>> {
  const parts = pageParts(output);
  const now = context.now ?? new Date();
  const resolve = addressResolver(post, context.site, now);
  const result = { body: parts.body, stylesheets: [] as string[], styles: [] as string[], bodyClass: parts.bodyClass === undefined ? undefined : cssClass(parts.bodyClass), referrer: parts.referrer, notes: [] as string[] };
  const seen = new Set<string>();
  for (const link of parts.links.slice(0, MAX_STYLESHEETS)) {
    if (seen.has(link.href)) continue;
    seen.add(link.href);
    const media = link.media?.trim().toLowerCase();
    if (media && !/^(?:all|screen)\b/.test(media)) {
      result.notes.push(`The stylesheet ${link.href} is for media '${link.media}': not used in the preview.`);
      continue;
    }
    const file = await stylesheetFile(link.href, context, resolve);
    if ('path' in file) {
      if (!result.stylesheets.includes(file.path)) result.stylesheets.push(file.path);
    } else result.notes.push(file.note);
  }
  if (parts.links.length > MAX_STYLESHEETS) result.notes.push(`The page links ${parts.links.length} stylesheets; the first ${MAX_STYLESHEETS} are looked at.`);
  let size = 0;
  parts.styles.forEach((css, i) => {
    const reason = unsafeCssReason(css);
    if (reason !== undefined) result.notes.push(`Inline <style> number ${i + 1} of the layout is left out: it holds '${reason}', which could load or run something in the preview.`);
    else if ((size += css.length) > MAX_INLINE_CSS) result.notes.push(`Inline <style> number ${i + 1} of the layout is left out: the layout's inline styles pass ${MAX_INLINE_CSS / 1024} KB.`);
    else if (css.trim() !== '') result.styles.push(css);
  });
  return result;
}
