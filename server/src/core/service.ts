/**
 * The language service: the one front door for the editor, the CLI and the tests. It owns the post cache (data
 * derived lazily per document version), the site cache and the site index, and answers diagnostics, fixes and
 * site-level problems. It has no connection and no file system of its own: file access is the injected Workspace.
 * Every failure is contained to the file it belongs to and reported in that file's result.
 */
import { posix } from 'node:path';
import { completionsAt, type Completion } from './completion';
import { hoverOfIndexedValue, indexedValueAt, type IndexedValueHover } from './indexedHover';
import { FacetIndex, facetsOf, facetsOfFrontMatter, type Facet, type FacetCount, type PostFacets } from './facetIndex';
import { checkFix, checkFixedText, fixAllText, isSafeToFix } from './fixes';
import { processTimeZone } from './jekyll/localTime';
import { classifySiteFile, POST_EXTENSIONS, POST_KINDS, SITE_KINDS, type SiteFileKind } from './jekyll/paths';
import { lintConfig, lintData, lintFile, lintPost, type LintOptions } from './lint';
import { parsePost, PostCache, type Post } from './post';
import { gatherLocalImageFacts, type FileFacts } from './localImages';
import { hoverAt, type HoverResult } from './hover';
import { outlineOf, type OutlineSymbol } from './outline';
import { LineIndex } from './position';
import { remoteImageRequests, type RemoteImageFacts, type RemoteImageRequest } from './remote';
import type { RenderedArticle } from './render';
import { articleHeader, localImageFiles, type ArticleHeader } from './render/header';
import type { SiteLayout } from './render/layout';
import type { Rule } from './rule';
import { RULE_CATALOG, RULES } from './rules';
import { emptySite, findSiteRoot, loadSite, parseConfig, type SiteContext } from './site';
import { listSiteFiles as listFiles } from './siteFiles';
import { detached, SourceIndex, sourceOf } from './sourceIndex';
import { NEVER_CANCELLED, type Cancellation, type Fix, type Problem, type SeveritySetting } from './types';
import type { ReadResult, Workspace } from './workspace';
import { locateFrontMatter } from './frontMatter';

export interface LanguageServiceOptions {
  workspace: Workspace;
  rules?: readonly Rule[];
  /** The clock; read once per check. */
  now?: () => Date;
  /** Where a contained failure is told (a rule that threw, a fix that was dropped). */
  log?: (message: string) => void;
  /** Every file belongs to this site root (the CLI's `--config`). */
  siteRoot?: string;
  /** Keep the parse of checked documents per path (the editor); a batch run keeps nothing (default true). */
  cacheDocuments?: boolean;
}

export interface CheckOptions {
  severityOverrides?: Record<string, SeveritySetting>;
  token?: Cancellation;
  /** The build time for this check; defaults to the service's clock, read once. */
  now?: Date;
  /** Results of fetching remote images (`remoteImageRequests` says which), for the rules that report them. */
  remote?: RemoteImageFacts;
}

export interface DocumentRef {
  path: string;
  text: string;
  version?: number;
}

export interface CheckResult {
  path: string;
  kind: SiteFileKind;
  problems: Problem[];
  /** The text the problems' offsets refer to ('' when the file could not be read). */
  text: string;
  lines: LineIndex;
  /** Whether fixes may be written back: the file was read whole, as valid UTF-8, and its front matter parsed. */
  writable: boolean;
  /** A post's `from` as Jekyll reads it, for the index of sources. */
  source?: string;
  /** A post's tags, categories and authors as Jekyll reads them, for the index. */
  facets?: PostFacets;
}

export interface RenderOptions {
  /** Make the HTML safe to show (the preview); false gives Jekyll's HTML as it is (fidelity tests, `--raw`). */
  sanitize?: boolean;
  /** The build time (`site.time`, the post's URL); defaults to the service's clock. */
  now?: Date;
  /** The preview's navigation: `data-line` on block elements and the model's image index on each image. */
  sourceLines?: boolean;
  /**
   * Inside the site's layouts: `html` is then the layout's `<body>` content with the article in it (sanitised), or
   * with `sanitize: false` the whole page as Jekyll writes it; `layout` says which layouts and styles apply.
   */
  layout?: boolean;
}

export interface RenderResult extends RenderedArticle {
  path: string;
  /** The front-matter fields shown above the article (title, date in the site's zone, author, source, tags, categories). */
  header: ArticleHeader;
  /** Each local image `src` of the HTML and the source file the site serves for it (for the preview's own URIs). */
  localImages: Record<string, string>;
  /** The document line the body starts on. */
  bodyLine: number;
  /** With `layout: true`: the layouts applied, the site's styles the preview may load, and what it cannot show. */
  layout?: SiteLayout;
}

export interface IndexScan {
  files: number;
  /** Files that could not be read, with the reason; the scan goes on without them. */
  failures: Array<{ path: string; reason: string }>;
}

export interface LanguageService {
  siteRootOf(path: string): Promise<string | undefined>;
  /** Checks an open document (its text is the editor's). */
  checkDocument(document: DocumentRef, options?: CheckOptions): Promise<CheckResult>;
  /** Reads a file through the workspace and checks it; a file that cannot be read gets a problem saying why. */
  checkFile(path: string, options?: CheckOptions): Promise<CheckResult>;
  /** `_config.yml` and the `_data` files of a site, checked without being opened. */
  checkSite(root: string, options?: CheckOptions): Promise<CheckResult[]>;
  /** The text after every certain fix, each verified; undefined when nothing changes or the text must not be rewritten. */
  fixAll(document: DocumentRef, options?: CheckOptions): Promise<string | undefined>;
  /** The fixes among these that are safe to offer for this document (the others are dropped and logged). */
  safeFixes(document: DocumentRef, fixes: Fix[]): Promise<Fix[]>;
  /** The requests a post's remote images make on the published page (none for other files), for the fetcher. */
  remoteImageRequests(document: DocumentRef): Promise<RemoteImageRequest[]>;
  /** The article of a post as Jekyll renders it (Liquid, then Markdown), sanitised unless `sanitize: false`. */
  renderDocument(document: DocumentRef, options?: RenderOptions): Promise<RenderResult>;
  /** A post's outline: front-matter fields, headings nested by level, images by caption (none for other files). */
  outline(document: DocumentRef): Promise<OutlineSymbol[]>;
  /** What Jekyll makes of the front-matter field at an offset (its date, its layout file), in Markdown. */
  hover(document: DocumentRef, offset: number, options?: { now?: Date }): Promise<HoverResult | undefined>;
  /** What may be written at an offset of a post (front-matter keys and values, image addresses); none in other files. */
  complete(document: DocumentRef, offset: number, now?: Date): Promise<Completion[]>;
  /** On a tag, category or author of a post's front matter: how many posts of the site use it. */
  hoverIndexedValue(document: DocumentRef, offset: number): Promise<IndexedValueHover | undefined>;
  /** Every post, draft, collection document, config and data file under a folder, through the workspace. */
  listSiteFiles(folder: string, kinds?: ReadonlySet<SiteFileKind>): Promise<string[]>;
  readonly index: {
    /** Records the `from` of a post (its text, or undefined when it is gone). */
    update(path: string, text: string | undefined): void;
    /** Records what a check learnt of a post: its `from`, and its tags, categories and authors when given. */
    set(path: string, url: string | undefined, facets?: PostFacets): void;
    /** The values of a facet in the site of `path` (every post indexed so far), most used first. */
    values(path: string, facet: Facet): Promise<FacetCount[]>;
    /** How many posts of the site of `path` use a value. */
    count(path: string, facet: Facet, value: string): Promise<number>;
    /** Reads every post under the folders into the index, file by file; a bad file is skipped and reported. */
    scan(folders: string[], token?: Cancellation, onProgress?: (done: number) => void): Promise<IndexScan>;
    readonly size: number;
  };
  /** A file changed on disk: drop what depends on it. */
  invalidate(path: string): void;
  /** A document was closed: drop its cached parse. */
  forget(path: string): void;
}

const DOCUMENT_FAILURE = 'internal/failure';

/**
 * Whether a file is checked as a post: posts, drafts and collection documents, and a Markdown or HTML file outside
 * the post folders when it is asked for by name (the CLI); rules that depend on the folder look at the post's place.
 */
function checkedAsPost(path: string, kind: SiteFileKind): boolean {
  return POST_KINDS.has(kind) || (kind === 'other' && POST_EXTENSIONS.some((ext) => path.toLowerCase().endsWith(ext)));
}
/** A path inside its site (`news/_posts/x.md`); the file name alone outside any site. */
const relativeTo = (root: string | undefined, path: string): string => {
  const base = root?.replace(/\/$/, '');
  return base !== undefined && path.startsWith(base + '/') ? path.slice(base.length + 1) : posix.basename(path);
};
/** How much of a post the index scan reads first: the front matter of a news post is well under it. */
const INDEX_HEAD_BYTES = 8 * 1024;

/** How many files the index scan reads ahead of the one it indexes. */
const READ_AHEAD = 16;

/** The document line a post's body starts on (the preview's header stands for the lines above). */
const bodyLineOf = (post: Post): number => post.lines.positionAt(post.body.range.offset).line;

/** The most fixes verified for one code action request. */
const MAX_VERIFIED_FIXES = 50;

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const { workspace } = options;
  const rules = options.rules ?? RULES;
  const clock = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const posts = new PostCache();
  const sources = new SourceIndex();
  const facets = new FacetIndex();
  /** Facet updates in the order they were told (each needs its site's root and zone, found asynchronously). */
  let facetQueue: Promise<void> = Promise.resolve();
  const roots = new Map<string, Promise<string | undefined>>();
  const sites = new Map<string, Promise<SiteContext>>();
  const failedRules = new Set<string>();

  const onRuleError = (ruleId: string, error: unknown) => {
    if (failedRules.has(ruleId)) return;
    failedRules.add(ruleId);
    log(`Rule ${ruleId} failed; the other rules still report. ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  };

  function siteRootOf(path: string): Promise<string | undefined> {
    if (options.siteRoot !== undefined) return Promise.resolve(options.siteRoot);
    const dir = posix.dirname(path);
    let root = roots.get(dir);
    if (!root) roots.set(dir, (root = findSiteRoot(path, workspace).catch(() => undefined)));
    return root;
  }

  async function siteOf(path: string): Promise<SiteContext> {
    const root = await siteRootOf(path);
    if (root === undefined) return emptySite();
    let site = sites.get(root);
    if (!site) {
      site = loadSite(root, workspace, RULE_CATALOG).catch((error: unknown) => {
        log(`Reading the site at ${root} failed; its defaults are used. ${String(error)}`);
        return { ...emptySite(), root, configPath: posix.join(root, '_config.yml') };
      });
      sites.set(root, site);
    }
    return site;
  }

  function lintOptions(site: SiteContext, check: CheckOptions): LintOptions {
    return { site, rules, now: check.now ?? clock(), index: sources, severityOverrides: check.severityOverrides, remote: check.remote, onRuleError, token: check.token ?? NEVER_CANCELLED };
  }

  /** The post's local image files, looked at now (never cached: an image added since the last check counts). */
  function localFacts(post: Post, lint: LintOptions): Promise<FileFacts | undefined> {
    return gatherLocalImageFacts(post, lint.site, lint.now ?? clock(), workspace).catch((error: unknown) => {
      log(`Looking at the local images of ${post.file.path} failed; they are not checked. ${String(error)}`);
      return undefined;
    });
  }

  /** The problems of one file's text by its kind; a failure is contained to this file and said in its result. */
  async function checkText(path: string, text: string, post: Post | undefined, check: CheckOptions): Promise<Problem[]> {
    const root = await siteRootOf(path);
    const { kind } = classifySiteFile(path, root);
    const site = await siteOf(path);
    const lint = lintOptions(site, check);
    if (kind === 'config') {
      const config = site.root !== undefined && site.configPath === path && site.config?.text === text ? site.config : parseConfig(path, text);
      return lintConfig(config, RULE_CATALOG, lint);
    }
    if (kind === 'data') return lintData({ path, text }, lint);
    if (!checkedAsPost(path, kind)) return [];
    const checked = post ?? parsePost(text, path, 0, root);
    return lintPost(checked, { ...lint, files: await localFacts(checked, lint) });
  }

  function failureResult(path: string, text: string, error: unknown): CheckResult {
    log(`Checking ${path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const message = `Newsdesk could not check this file (${error instanceof Error ? error.message : String(error)}). The other files are checked as usual; please report this with the file.`;
    return {
      path,
      kind: classifySiteFile(path).kind,
      problems: [{ rule: DOCUMENT_FAILURE, severity: 'error', message, offset: 0, length: 0, fixes: [] }],
      text,
      lines: new LineIndex(text),
      writable: false,
    };
  }

  /** The post of an open document: the cached parse in the editor, a fresh one in a batch run. */
  async function postOf(document: DocumentRef): Promise<Post> {
    const root = await siteRootOf(document.path);
    return options.cacheDocuments === false ? parsePost(document.text, document.path, document.version ?? 0, root) : posts.get(document.path, document.text, document.version ?? 0, root);
  }

  async function checkDocument(document: DocumentRef, check: CheckOptions = {}): Promise<CheckResult> {
    try {
      const post = await postOf(document);
      const problems = await checkText(document.path, document.text, post, check);
      const from = POST_KINDS.has(post.file.kind) ? post.frontMatter?.get('from')?.value : undefined;
      const source = from?.kind === 'string' && from.value.trim() ? detached(from.value) : undefined;
      const facetsOfPost = POST_KINDS.has(post.file.kind) ? facetsOfFrontMatter(post.frontMatter, relativeTo(await siteRootOf(document.path), document.path), (await siteOf(document.path)).timezone ?? processTimeZone()) : undefined;
      return { path: document.path, kind: post.file.kind, problems, text: document.text, lines: post.lines, writable: isSafeToFix(post), source, facets: facetsOfPost };
    } catch (error) {
      return failureResult(document.path, document.text, error);
    }
  }

  async function checkFile(path: string, check: CheckOptions = {}): Promise<CheckResult> {
    const read = await workspace.read(path).catch((error: unknown) => ({ ok: false as const, reason: 'unreadable' as const, detail: String(error) }));
    const root = await siteRootOf(path);
    const kind = classifySiteFile(path, root).kind;
    const site = await siteOf(path);
    const outcome = read.ok ? { path, invalidUtf8: read.invalidUtf8 } : read.reason === 'missing' ? { path, failure: 'unreadable' as const, detail: 'it does not exist' } : { path, failure: read.reason, detail: read.detail };
    const fileProblems = lintFile(outcome, lintOptions(site, check));
    if (!read.ok) return { path, kind, problems: fileProblems, text: '', lines: new LineIndex(''), writable: false };
    try {
      const post = checkedAsPost(path, kind) ? parsePost(read.text, path, 0, root) : undefined;
      const problems = [...fileProblems, ...(await checkText(path, read.text, post, check))];
      return { path, kind, problems, text: read.text, lines: post?.lines ?? new LineIndex(read.text), writable: !read.invalidUtf8 && (!post || isSafeToFix(post)) };
    } catch (error) {
      return failureResult(path, read.text, error);
    }
  }

  async function checkSite(root: string, check: CheckOptions = {}): Promise<CheckResult[]> {
    const files = [posix.join(root, '_config.yml'), ...(await listSiteFiles(posix.join(root, '_data'), new Set(['data'])))];
    const results: CheckResult[] = [];
    for (const file of files) results.push(await checkFile(file, check));
    return results;
  }

  async function fixAll(document: DocumentRef, check: CheckOptions = {}): Promise<string | undefined> {
    try {
      const root = await siteRootOf(document.path);
      const kind = classifySiteFile(document.path, root).kind;
      if (!POST_KINDS.has(kind)) return undefined;
      const base = lintOptions(await siteOf(document.path), check);
      const original = options.cacheDocuments !== false ? posts.get(document.path, document.text, document.version ?? 0, root) : parsePost(document.text, document.path, 0, root);
      // The files looked at for the original text serve every pass: a path a fix brings in that was not looked at is unknown.
      const lint = { ...base, files: await localFacts(original, base) };
      return fixAllText(document.text, {
        check: (text) => {
          const post = text === document.text ? original : parsePost(text, document.path, 0, root);
          return isSafeToFix(post) ? { post, problems: lintPost(post, lint) } : undefined;
        },
        onUnsafeFix: (fix, reason) => log(`Dropped the fix "${fix.title}" in ${document.path}: ${reason}.`),
      });
    } catch (error) {
      log(`Fixing ${document.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    }
  }

  async function safeFixes(document: DocumentRef, fixes: Fix[]): Promise<Fix[]> {
    const post = posts.get(document.path, document.text, document.version ?? 0, await siteRootOf(document.path));
    if (!isSafeToFix(post)) return [];
    // Each check parses the front matter again: a request for thousands of fixes at once is answered with the first
    // ones (an editor asks for the few under the cursor).
    if (fixes.length > MAX_VERIFIED_FIXES) log(`Offered ${MAX_VERIFIED_FIXES} of ${fixes.length} fixes in ${document.path}; ask for a smaller range for the others.`);
    return fixes.slice(0, MAX_VERIFIED_FIXES).filter((fix) => {
      let reason: string | undefined;
      try {
        reason = checkFix(post, fix);
      } catch (error) {
        reason = `checking it failed (${String(error)})`;
      }
      if (reason !== undefined) log(`Dropped the fix "${fix.title}" in ${document.path}: ${reason}.`);
      return reason === undefined;
    });
  }

  async function remoteRequestsOf(document: DocumentRef): Promise<RemoteImageRequest[]> {
    const post = await postOf(document);
    if (!checkedAsPost(document.path, post.file.kind)) return [];
    return remoteImageRequests(post, await siteOf(document.path));
  }

  async function outline(document: DocumentRef): Promise<OutlineSymbol[]> {
    const post = await postOf(document);
    if (!checkedAsPost(document.path, post.file.kind)) return [];
    return outlineOf(post, await siteOf(document.path));
  }

  async function hover(document: DocumentRef, offset: number, hoverOptions: { now?: Date } = {}): Promise<HoverResult | undefined> {
    const post = await postOf(document);
    if (!checkedAsPost(document.path, post.file.kind)) return undefined;
    // The key's own hover (date, layout), else how many posts share the tag, category or author under the cursor.
    return (await hoverAt(post, offset, { site: await siteOf(document.path), workspace, now: hoverOptions.now ?? clock() })) ?? (await indexedHoverOf(post, offset));
  }

  async function renderDocument(document: DocumentRef, render: RenderOptions = {}): Promise<RenderResult> {
    const post = await postOf(document);
    const site = await siteOf(document.path);
    const now = render.now ?? clock();
    // Loaded on the first render: Liquid, kramdown and the sanitiser cost a check that never renders ~40 ms to start.
    const { renderArticle, sanitizeArticle } = await import('./render/index.js');
    if (render.layout) return renderInLayout(document.path, post, site, now, render.sanitize !== false, render.sourceLines === true);
    const article = await renderArticle(post, { site, workspace, now, sourceLines: render.sourceLines });
    const html = render.sanitize === false ? article.html : sanitizeArticle(article.html);
    return { ...article, path: document.path, html, header: articleHeader(post, site, now), localImages: localImageFiles(html, post, site, now), bodyLine: bodyLineOf(post) };
  }

  /** The post in its layout chain; the body of the page (sanitised) or the whole page (raw), and the site's styles. */
  async function renderInLayout(path: string, post: Post, site: SiteContext, now: Date, sanitize: boolean, sourceLines: boolean): Promise<RenderResult> {
    const [{ renderArticle, sanitizeArticle, escapeHtml }, { findLayout, missingLayoutNote, placeInLayouts, requestedLayout, siteStyles }] = await Promise.all([import('./render/index.js'), import('./render/layout.js')]);
    const context = { site, workspace, now };
    const request = requestedLayout(post, site);
    const first = request.name === undefined ? undefined : await findLayout(request.name, site, workspace);
    // The body sees its layout's front matter as `layout`, as in Jekyll.
    const article = await renderArticle(post, { ...context, layout: first?.data, sourceLines });
    const layout: SiteLayout = { chain: [], stylesheets: [], styles: [], notes: [] };
    const visible: string[] = [];
    let output = article.html;
    if (request.name === undefined) layout.notes.push('The post names no layout (and no front-matter default in _config.yml gives one): Jekyll publishes the article alone.');
    else if (!first && request.name === 'none') layout.notes.push('layout: none: Jekyll publishes the article alone, with no layout.');
    else if (!first) {
      const note = missingLayoutNote(request, post, site);
      layout.notes.push(note);
      visible.push(note);
    } else {
      const placed = await placeInLayouts(article.html, first, post, context);
      Object.assign(layout, { chain: placed.chain, liquidError: placed.liquidError });
      layout.notes.push(...placed.notes);
      visible.push(...placed.visibleNotes);
      output = placed.output;
    }
    let body = output;
    if (layout.chain.length > 0) {
      const styles = await siteStyles(output, post, context);
      Object.assign(layout, { stylesheets: styles.stylesheets, styles: styles.styles, bodyClass: styles.bodyClass, referrer: styles.referrer });
      layout.notes.push(...styles.notes);
      body = styles.body;
    }
    // The preview shows on the page what makes it differ most from the published one; the rest is in `notes`.
    const html = sanitize ? visible.map((note) => `<div class="newsdesk-layout-note">${escapeHtml(note)}</div>\n`).join('') + sanitizeArticle(body) : output;
    if (layout.bodyClass === undefined) delete layout.bodyClass;
    if (layout.referrer === undefined) delete layout.referrer;
    if (layout.liquidError === undefined) delete layout.liquidError;
    return { ...article, path, html, header: articleHeader(post, site, now), localImages: localImageFiles(html, post, site, now), layout, bodyLine: bodyLineOf(post) };
  }

  async function complete(document: DocumentRef, offset: number, now?: Date): Promise<Completion[]> {
    const post = await postOf(document);
    if (!checkedAsPost(document.path, post.file.kind)) return [];
    const site = await siteOf(document.path);
    return completionsAt({ post, offset, site, workspace, now: now ?? clock(), facetValues: (facet) => index.values(document.path, facet) });
  }

  async function hoverIndexedValue(document: DocumentRef, offset: number): Promise<IndexedValueHover | undefined> {
    const post = await postOf(document);
    return checkedAsPost(document.path, post.file.kind) ? indexedHoverOf(post, offset) : undefined;
  }

  /** How many posts of the site share the tag, category or author under the cursor. */
  async function indexedHoverOf(post: Post, offset: number): Promise<IndexedValueHover | undefined> {
    const target = indexedValueAt(post.frontMatter, offset);
    return target && hoverOfIndexedValue(target, await index.count(post.file.path, target.facet, target.value));
  }

  async function listSiteFiles(folder: string, kinds: ReadonlySet<SiteFileKind> = new Set([...POST_KINDS, ...SITE_KINDS])): Promise<string[]> {
    const base = folder.replace(/\/$/, '');
    return listFiles(workspace, base, kinds, await siteRootOf(`${base}/_`));
  }

  /** Queues a change of a post's facets: from its text (parsed here), as a check found them, or gone (undefined). */
  function recordFacets(path: string, from: { text: string } | { facets: PostFacets } | undefined): void {
    facetQueue = facetQueue.then(async () => {
      try {
        const root = await siteRootOf(path);
        const found = from === undefined ? undefined : 'facets' in from ? from.facets : facetsOf(from.text, relativeTo(root, path), (await siteOf(path)).timezone ?? processTimeZone());
        facets.set(path, root ?? '', found);
      } catch (error) {
        facets.set(path, '', undefined);
        log(`Indexing the tags, categories and author of ${path} failed: ${String(error)}`);
      }
    });
  }

  const index: LanguageService['index'] = {
    update: (path, text) => {
      try {
        sources.set(path, text === undefined ? undefined : sourceOf(text));
      } catch (error) {
        sources.delete(path);
        log(`Indexing ${path} failed: ${String(error)}`);
      }
      recordFacets(path, text === undefined ? undefined : { text });
    },
    set: (path, url, postFacets) => {
      sources.set(path, url);
      if (postFacets) recordFacets(path, { facets: postFacets });
    },
    values: async (path, facet) => {
      await facetQueue;
      return facets.values((await siteRootOf(path)) ?? '', facet);
    },
    count: async (path, facet, value) => {
      await facetQueue;
      return facets.count((await siteRootOf(path)) ?? '', facet, value);
    },
    scan: async (folders, token = NEVER_CANCELLED, onProgress) => {
      /** Enough of a post for the index (its front matter: a head that holds it closed), else the whole file. */
      const frontOf = async (path: string): Promise<ReadResult> => {
        const head = workspace.readHead ? await workspace.readHead(path, INDEX_HEAD_BYTES) : undefined;
        if (head && (!head.ok || head.complete || locateFrontMatter(head.text)?.close)) return head;
        return workspace.read(path);
      };
      const scan: IndexScan = { files: 0, failures: [] };
      for (const folder of folders) {
        const paths = await listSiteFiles(folder, POST_KINDS);
        // A few reads ahead, in order: the disk works while a text is indexed, and at most READ_AHEAD texts are held.
        const reads: Array<Promise<ReadResult> | undefined> = [];
        const readAt = (i: number) => (reads[i] = frontOf(paths[i]).catch((error: unknown): ReadResult => ({ ok: false, reason: 'unreadable', detail: String(error) })));
        for (let i = 0; i < Math.min(READ_AHEAD, paths.length); i++) readAt(i);
        for (let i = 0; i < paths.length; i++) {
          const path = paths[i];
          if (token.isCancellationRequested) return scan;
          const read = (await reads[i])!;
          reads[i] = undefined;
          if (i + READ_AHEAD < paths.length) readAt(i + READ_AHEAD);
          if (read.ok) index.update(path, read.text);
          else scan.failures.push({ path, reason: read.reason + (read.detail ? ` (${read.detail})` : '') });
          scan.files++;
          onProgress?.(scan.files);
          // The queue is drained file by file: a scan of a large archive never holds more than one text.
          await facetQueue;
        }
      }
      return scan;
    },
    get size() {
      return sources.size;
    },
  };

  return {
    siteRootOf,
    checkDocument,
    checkFile,
    checkSite,
    fixAll,
    safeFixes,
    remoteImageRequests: remoteRequestsOf,
    renderDocument,
    outline,
    hover,
    complete,
    hoverIndexedValue,
    listSiteFiles,
    index,
    invalidate(path) {
      const { kind } = classifySiteFile(path);
      if (kind === 'config') roots.clear();
      for (const root of [...sites.keys()]) {
        const rel = path.startsWith(root + '/') ? path.slice(root.length + 1) : undefined;
        if (rel !== undefined && (rel === '_config.yml' || rel.startsWith('_layouts/') || rel.startsWith('_data/'))) sites.delete(root);
      }
      if (kind === 'config') sites.clear();
    },
    forget(path) {
      posts.delete(path);
    },
  };
}

export { checkFixedText };
