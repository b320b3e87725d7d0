/**
 * Liquid as Jekyll 4.3 runs it over a post before Markdown: liquidjs with `site` and `page`, `{% include %}` from
 * the site's `_includes/` read through the Workspace (Jekyll's include syntax, `include.*` parameters), and Jekyll's
 * own filters. A preview never fails: an unknown tag or filter, or an include that is missing, is written as a
 * visible marker; a syntax error gives the body without Liquid and a note saying what is wrong.
 */
import { posix } from 'node:path';
import { Liquid, Tag, type Context, type Emitter, type FS, type TagToken, type TopLevelToken } from 'liquidjs';
import { jekyllSlugify, type SlugifyMode } from '../jekyll/slugify';
import type { Workspace } from '../workspace';

export interface LiquidSite {
  /** The site folder (`_includes/` is under it); undefined for a post outside a site. */
  root?: string;
  baseurl: string;
  url?: string;
  /** The site's time zone for dates (Jekyll's `timezone:`), else the process zone. */
  timezone?: string;
}

export interface LiquidResult {
  text: string;
  /** A syntax or render error: the text is then the body without Liquid run. */
  error?: string;
}

/** The visible marker for what the preview cannot run; plain text, so it is safe inside an attribute too. */
export const unknownMarker = (what: string): string => `\u27e6${what}\u27e7`;

/** Makes one line of a tag's markup visible without letting it open HTML. */
const visible = (text: string): string => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

class UnknownTag extends Tag {
  private readonly markup: string;
  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    this.markup = `${token.name}${token.args ? ' ' + token.args : ''}`;
  }
  render(_ctx: Context, emitter: Emitter): void {
    emitter.write(unknownMarker(`unknown Liquid tag: {% ${visible(this.markup)} %}`));
  }
}

/** `{% highlight lang %}...{% endhighlight %}`: Jekyll's code block (rouge), without colours. */
class HighlightTag extends Tag {
  private readonly lang: string;
  private code = '';
  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    this.lang = token.args.trim().split(/\s+/)[0] ?? '';
    for (let next = remain.shift(); next; next = remain.shift()) {
      if ((next as TagToken).name === 'endhighlight') return;
      this.code += next.getText();
    }
  }
  render(_ctx: Context, emitter: Emitter): void {
    const lang = visible(this.lang);
    const attrs = lang ? ` class="language-${lang}" data-lang="${lang}"` : '';
    emitter.write(`<figure class="highlight"><pre><code${attrs}>${visible(this.code.replace(/^\n/, '').replace(/\s+$/, ''))}</code></pre></figure>`);
  }
}

/** Addressable's `normalize` for the paths Jekyll's URL filters give: non-ASCII and spaces percent-encoded. */
function normalizeUrl(url: string): string {
  return url.replace(/%(?![0-9A-Fa-f]{2})|[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
}

const isAbsoluteUrl = (input: string): boolean => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(input);
const leadingSlash = (text: string): string => (text.startsWith('/') ? text : `/${text}`);

function relativeUrl(input: unknown, site: LiquidSite): unknown {
  if (input === null || input === undefined) return input;
  const text = String(input);
  if (isAbsoluteUrl(text)) return text;
  const base = site.baseurl.replace(/\/$/, '');
  return normalizeUrl((base ? leadingSlash(base) : '') + leadingSlash(text));
}

function absoluteUrl(input: unknown, site: LiquidSite): unknown {
  if (input === null || input === undefined) return input;
  const text = String(input);
  if (isAbsoluteUrl(text)) return text;
  const relative = String(relativeUrl(text, site));
  return site.url ? normalizeUrl(site.url.replace(/\/$/, '') + relative) : relative;
}

/** The names of the tags and filters a template uses, to mark the ones nobody defined. */
function namesIn(template: string): { tags: Set<string>; filters: Set<string> } {
  const tags = new Set<string>();
  const filters = new Set<string>();
  for (const m of template.matchAll(/\{%-?\s*([A-Za-z_][\w-]*)/g)) tags.add(m[1]);
  for (const m of template.matchAll(/\{[{%][^}]*?\}/g)) for (const f of m[0].matchAll(/\|\s*([A-Za-z_][\w-]*)/g)) filters.add(f[1]);
  return { tags, filters };
}

/** liquidjs's file system over the Workspace: includes only from the site's `_includes/`. */
function workspaceFs(workspace: Workspace, includes: string | undefined): FS {
  const inside = (file: string): boolean => includes !== undefined && posix.normalize(file).startsWith(includes + '/');
  return {
    exists: async () => true,
    existsSync: () => true,
    readFile: async (file) => {
      const text = inside(file) ? await workspace.readFile(file) : undefined;
      return text ?? unknownMarker(`include not found: _includes/${visible(includes ? posix.relative(includes, file) : file)}`);
    },
    readFileSync: () => {
      throw new Error('includes are read asynchronously');
    },
    resolve: (dir, file) => posix.join(dir, file),
    contains: async (_root, file) => inside(file),
    sep: '/',
    dirname: (file) => posix.dirname(file),
  };
}

/** Words that belong to a block tag (read by it), never tags of their own. */
const STRUCTURAL = new Set(['else', 'elsif', 'when', 'empty']);

export interface JekyllLiquid {
  /** Renders with `site` and `page`, and in a layout `layout` and `content` too. */
  render(template: string, scope: { site: unknown; page: unknown; layout?: unknown; content?: unknown }): Promise<LiquidResult>;
}

/** A Liquid engine for one site. `markdownify` renders with the given Markdown renderer. */
export function createJekyllLiquid(workspace: Workspace, site: LiquidSite, markdownify: (text: string) => string, smartify: (text: string) => string): JekyllLiquid {
  const includes = site.root !== undefined ? posix.join(site.root, '_includes') : undefined;
  const engine = new Liquid({
    fs: workspaceFs(workspace, includes),
    root: includes ? [includes] : [],
    partials: includes ? [includes] : [],
    extname: '',
    jekyllInclude: true,
    dynamicPartials: false,
    strictFilters: false,
    strictVariables: false,
    cache: false,
    relativeReference: false,
    timezoneOffset: site.timezone,
  });
  engine.registerTag('highlight', HighlightTag);
  const slugModes = new Set(['raw', 'default', 'pretty', 'ascii']);
  engine.registerFilter('relative_url', (input: unknown) => relativeUrl(input, site));
  engine.registerFilter('absolute_url', (input: unknown) => absoluteUrl(input, site));
  engine.registerFilter('markdownify', (input: unknown) => markdownify(String(input ?? '')));
  engine.registerFilter('smartify', (input: unknown) => smartify(String(input ?? '')));
  engine.registerFilter('slugify', (input: unknown, mode?: unknown, cased?: unknown) =>
    input === null || input === undefined ? input : jekyllSlugify(String(input), slugModes.has(String(mode)) ? (String(mode) as SlugifyMode) : 'default', cased === true),
  );
  const known = (names: Set<string>, registry: Record<string, unknown>) => [...names].filter((name) => !Object.prototype.hasOwnProperty.call(registry, name));

  return {
    async render(template, scope) {
      if (!template.includes('{{') && !template.includes('{%')) return { text: template };
      const { tags, filters } = namesIn(template);
      for (const name of known(tags, engine.tags)) if (!STRUCTURAL.has(name) && !(name.startsWith('end') && name.slice(3) in engine.tags)) engine.registerTag(name, UnknownTag);
      for (const name of known(filters, engine.filters)) engine.registerFilter(name, (input: unknown) => `${input === null || input === undefined ? '' : String(input)}${unknownMarker(`unknown Liquid filter: ${name}`)}`);
      try {
        const text = (await engine.parseAndRender(template, scope)) as unknown;
        return { text: String(text ?? '') };
      } catch (error) {
        return { text: template, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
