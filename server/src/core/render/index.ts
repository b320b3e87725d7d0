/**
 * The article as Jekyll 4.3 renders it: Liquid first (liquid.ts), then, for a Markdown post, kramdown's Markdown
 * (kramdown.ts). `renderArticle` gives the faithful HTML (what `_site` holds inside the layout), `sanitizeArticle`
 * what the preview may show; they are separate steps so that fidelity is measured on the faithful one.
 */
import { isMap, type Node as YamlNode } from 'yaml';
import { PsychReader } from '../jekyll/psych';
import type { Range } from '../frontMatter';
import type { Post } from '../post';
import { postUrlOf } from '../postUrl';
import type { SiteContext } from '../site';
import type { Workspace } from '../workspace';
import { createKramdown, type KramdownEnv } from './kramdown';
import { createJekyllLiquid, type JekyllLiquid } from './liquid';
import { annotateHtml, liquidLineMap, linesOf } from './sourceLines';
import { typography } from './typography';

export { sanitizeArticle } from './sanitize';
export { unknownMarker } from './liquid';

export interface RenderedArticle {
  /** The article's HTML, unsanitised. */
  html: string;
  kind: 'markdown' | 'html';
  /** A Liquid syntax or render error: Jekyll would stop the build; the body is shown without Liquid. */
  liquidError?: string;
  /** With `sourceLines`: the range of each image of the body model; `data-newsdesk-image="k"` in `html` is the k-th. */
  images?: Range[];
}

export interface RenderContext {
  site: SiteContext;
  workspace: Workspace;
  /** The build time (`site.time`, and which dates count as future for the URL). */
  now?: Date;
  /** Mark where things come from, for the preview (sourceLines.ts): `data-line` on blocks, image indices. */
  sourceLines?: boolean;
  /** The front matter of the post's layout: Jekyll gives it to the body as `layout` too. */
  layout?: Record<string, unknown>;
}

const md = createKramdown();

/** Markdown as kramdown renders it in Jekyll (also the `markdownify` filter). */
export function renderMarkdown(text: string, env: KramdownEnv = {}): string {
  return md.render(text, env);
}

const engines = new WeakMap<SiteContext, JekyllLiquid>();

function liquidFor(site: SiteContext, workspace: Workspace): JekyllLiquid {
  let engine = engines.get(site);
  if (!engine) {
    engine = createJekyllLiquid(workspace, { root: site.root, baseurl: site.baseurl, url: site.url, timezone: site.timezone }, renderMarkdown, typography);
    engines.set(site, engine);
  }
  return engine;
}

const configs = new WeakMap<SiteContext, Record<string, unknown>>();

/** `_config.yml` read as Psych reads it (once per site read); empty when it cannot be read. */
export function siteConfig(site: SiteContext): Record<string, unknown> {
  let config = configs.get(site);
  if (!config) configs.set(site, (config = readSiteConfig(site)));
  return config;
}

function readSiteConfig(site: SiteContext): Record<string, unknown> {
  const doc = site.config?.doc;
  if (!doc || doc.errors.length !== 0 || !isMap(doc.contents)) return {};
  try {
    const value = new PsychReader(doc.contents, site.config?.text ?? '').value(doc.contents as YamlNode);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `site` as templates see it: `_config.yml` read as Psych reads it, with what Jekyll adds. */
function siteData(site: SiteContext, now: Date): Record<string, unknown> {
  const config = siteConfig(site);
  return { ...config, baseurl: site.baseurl, url: site.url ?? config.url ?? '', time: now, posts: [], pages: [], tags: {}, categories: {}, data: {} };
}

function pageData(post: Post, site: SiteContext, now: Date): Record<string, unknown> {
  const data = { ...(post.frontMatter?.data ?? {}) };
  const url = postUrlOf(post, site, now);
  const relative = site.root !== undefined && post.file.path.startsWith(site.root + '/') ? post.file.path.slice(site.root.length + 1) : post.file.name;
  return { ...data, url: url ?? data.url, path: relative, slug: data.slug ?? post.file.match?.slug, id: url ? url.replace(/\.html$/, '') : undefined };
}

/** Text as HTML: `&`, `<`, `>` and `"` escaped (for notes the preview shows in the article). */
export const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** Renders a post's body: Liquid with `site` and `page`, then Markdown unless the post is an HTML file. */
export async function renderArticle(post: Post, context: RenderContext): Promise<RenderedArticle> {
  const now = context.now ?? new Date();
  const { offset, length } = post.body.range;
  const body = post.text.slice(offset, offset + length);
  const kind = post.body.kind;
  const liquid = await liquidFor(context.site, context.workspace).render(body, { site: siteData(context.site, now), page: pageData(post, context.site, now), layout: context.layout });
  let html: string;
  let images: Range[] | undefined;
  if (context.sourceLines) {
    const firstLine = post.lines.positionAt(offset).line;
    const fromLiquid = liquidLineMap(body, liquid.text);
    const documentLine = (line: number) => firstLine + fromLiquid(line);
    // The body model (a parse of its own) only when the article shows an image to match with it.
    const model = liquid.text.includes('<img') || liquid.text.includes('![') ? post.bodyModel.images : [];
    images = model.map((image) => image.range);
    const srcs = model.length > 0 ? model.map((image) => image.attribute('src')?.value) : undefined;
    html = kind === 'markdown' ? renderMarkdown(liquid.text, { documentLine }) : annotateHtml(liquid.text, { lineAt: linesOf(liquid.text, documentLine), images: srcs });
    if (kind === 'markdown' && srcs) html = annotateHtml(html, { images: srcs });
  } else {
    html = kind === 'markdown' ? renderMarkdown(liquid.text) : liquid.text;
  }
  if (liquid.error === undefined) return { html, kind, images };
  const note = `<div class="newsdesk-liquid-error">Liquid error: ${escapeHtml(liquid.error)}. Jekyll stops the build on it; the article is shown without Liquid.</div>\n`;
  return { html: note + html, kind, liquidError: liquid.error, images };
}


/**
 * Renders one layout's template as Jekyll does (Renderer#render_layout): `content` is what the inner layouts gave,
 * `page` the post's data with its converted body as `page.content`, `layout` the layouts' merged front matter.
 */
export function renderLayoutTemplate(template: string, post: Post, context: RenderContext, scope: { content: string; article: string; layout: Record<string, unknown> }) {
  const now = context.now ?? new Date();
  const page = { ...pageData(post, context.site, now), content: scope.article };
  return liquidFor(context.site, context.workspace).render(template, { site: siteData(context.site, now), page, layout: scope.layout, content: scope.content });
}
