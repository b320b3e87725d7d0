/**
 * Local images: where a relative or root-relative `src` points on the published site, and which file of the source
 * tree that is. A browser resolves a relative address against the post's URL (under the baseurl) and a root-relative
 * one against the domain root; the site serves what Jekyll copied from its source, so the source tree is the truth
 * (`_site` never is: it is an old build). The files are looked at before the rules run (gatherFileFacts, async,
 * through the workspace) and the rule reads the facts synchronously.
 */
import type { BodyImage } from './body';
import { urlDirectory } from './jekyll/permalink';
import type { Post } from './post';
import { postUrlOf } from './postUrl';
import { writtenSrc } from './rules/image/util';
import type { SiteContext } from './site';
import type { Workspace } from './workspace';

export type FileFact = 'file' | 'directory' | 'missing';

/** What the check knows of the source tree: undefined for a path it did not look at (unknown: no report). */
export interface FileFacts {
  stat(path: string): FileFact | undefined;
}

export interface LocalImage {
  image: BodyImage;
  /** The `src` as written (trimmed) and where it starts in the text. */
  src: { value: string; offset: number };
  relative: boolean;
  /** The path the browser asks for (percent-decoded, no query or fragment), baseurl included. */
  urlPath: string;
  /** The post's URL under the baseurl, for a relative `src`. */
  pageUrl?: string;
  /** The file in the source tree the site serves at urlPath; undefined when urlPath is outside the baseurl. */
  sourcePath?: string;
  /** Why Jekyll does not copy sourcePath (`_` and `.` folders, `exclude:`), when it does not. */
  unpublished?: string;
  /** Outside the baseurl: the file the author likely meant, were the baseurl added (`/images/x.png` → root/images/x.png). */
  withoutBaseurl?: string;
  /** A relative `src` read from the site root instead (`images/x.png` meant as `/images/x.png`). */
  fromRoot?: string;
}

/** The most images of one post whose files are looked at. */
export const MAX_LOCAL_IMAGES = 200;
/** Files looked at in parallel. */
const STAT_CONCURRENCY = 8;
const ORIGIN = 'http://site.invalid';

/** The baseurl as a path prefix: `` or `/news` (Jekyll's relative_url adds the leading slash, drops the trailing). */
export function normalizedBaseurl(baseurl: string): string {
  const trimmed = baseurl.trim().replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : '/' + trimmed;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The address a browser reads from the attribute: entities decoded (HTML) or escapes removed (Markdown); undefined if unsure. */
function addressOf(value: string, syntax: BodyImage['syntax']): string | undefined {
  let unsure = false;
  let text = syntax === 'markdown' ? value.replace(/\\([!-/:-@[-`{-~])/g, '$1') : value;
  text = text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    const known = NAMED_ENTITIES[name.toLowerCase()];
    if (known === undefined) unsure = true;
    return known ?? entity;
  });
  return unsure ? undefined : text;
}

function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

const DEFAULT_EXCLUDES = ['.sass-cache', '.jekyll-cache', 'gemfiles', 'Gemfile', 'Gemfile.lock', 'node_modules', 'vendor/bundle/', 'vendor/cache/', 'vendor/gems/', 'vendor/ruby/'];

/** File.fnmatch? without flags: `*` matches any run (`/` too), `?` one character. */
function fnmatch(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(text);
}

/** EntryFilter: why Jekyll does not copy a file (site-relative path), or undefined when it does. */
export function unpublishedReason(relativePath: string, site: SiteContext): string | undefined {
  const segments = relativePath.split('/').filter(Boolean);
  const excludes = [...site.exclude, ...DEFAULT_EXCLUDES].filter((p) => !site.include.includes(p)).map((p) => p.replace(/^\/+/, ''));
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i];
    const sofar = segments.slice(0, i + 1).join('/');
    const included = site.include.some((p) => fnmatch(p, name) || name.startsWith(p));
    if (!included && excludes.some((p) => fnmatch(p, sofar) || sofar.startsWith(p) || p === sofar + '/')) return `${sofar} is listed in exclude: in _config.yml`;
    if (!included && /^[._#~]/.test(name)) return `Jekyll does not copy ${i === segments.length - 1 ? 'files' : 'folders'} whose names start with ${name[0]} (${sofar}) unless include: in _config.yml lists them`;
    if (!included && name.endsWith('~')) return `Jekyll does not copy backup files ending in ~ (${sofar})`;
  }
  return undefined;
}

/** A local address: not empty, no scheme, not protocol-relative, not only a query or fragment. */
function isLocalAddress(address: string): boolean {
  return address !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(address) && !/^[\\/]{2}/.test(address) && !/^[?#]/.test(address);
}

const cache = new WeakMap<Post, { site: SiteContext; now: number; images: LocalImage[] }>();

/** The post's local images (the first MAX_LOCAL_IMAGES), resolved as the published site resolves them. */
export function localImages(post: Post, site: SiteContext, now: Date): LocalImage[] {
  const cached = cache.get(post);
  if (cached && cached.site === site && cached.now === now.getTime()) return cached.images;
  const images = computeLocalImages(post, site, now);
  cache.set(post, { site, now: now.getTime(), images });
  return images;
}

/** Where a local address points on the published site: the URL path the browser asks for (baseurl included). */
interface Resolved {
  relative: boolean;
  urlPath: string;
  /** The post's URL under the baseurl, for a relative address. */
  pageUrl?: string;
}

/**
 * Resolves local addresses of one post as a browser on the published site does: relative ones against the post's
 * URL under the baseurl (worked out once, on the first relative address), root-relative ones against the domain root.
 * Undefined for an address that is not local, or that cannot be resolved (a relative one in a post without a URL).
 */
export function addressResolver(post: Post, site: SiteContext, now: Date): (address: string) => Resolved | undefined {
  const baseurl = normalizedBaseurl(site.baseurl);
  let pageUrl: string | null | undefined = null; // null: not computed yet
  return (written) => {
    const address = written.trim();
    if (!isLocalAddress(address)) return undefined;
    const relative = !/^[\\/]/.test(address);
    if (relative && pageUrl === null) {
      const url = postUrlOf(post, site, now);
      pageUrl = url === undefined ? undefined : baseurl + url;
    }
    if (relative && pageUrl === undefined) return undefined;
    try {
      const resolved = new URL(written, ORIGIN + (relative ? urlDirectory(pageUrl as string) : '/'));
      const urlPath = resolved.origin === ORIGIN ? decodePath(resolved.pathname) : undefined;
      return urlPath === undefined ? undefined : { relative, urlPath, pageUrl: relative ? (pageUrl as string) : undefined };
    } catch {
      return undefined;
    }
  };
}

/** The path inside the site of a URL path the site serves (`/news/images/x.png` → `/images/x.png`); undefined outside the baseurl. */
export function pathInSite(urlPath: string, site: SiteContext): string | undefined {
  const baseurl = normalizedBaseurl(site.baseurl);
  return baseurl === '' || urlPath === baseurl || urlPath.startsWith(baseurl + '/') ? urlPath.slice(baseurl.length) : undefined;
}

function computeLocalImages(post: Post, site: SiteContext, now: Date): LocalImage[] {
  if (site.root === undefined) return [];
  const root = site.root.replace(/\/$/, '');
  const resolve = addressResolver(post, site, now);
  const out: LocalImage[] = [];
  for (const image of post.bodyModel.images.slice(0, MAX_LOCAL_IMAGES)) {
    const src = writtenSrc(post, image);
    const address = src && addressOf(src.value, image.syntax);
    const resolved = address === undefined ? undefined : resolve(address);
    if (!src || address === undefined || !resolved) continue;
    const { relative, urlPath } = resolved;
    const local: LocalImage = { image, src, ...resolved };
    const inSite = pathInSite(urlPath, site);
    if (inSite !== undefined) {
      local.sourcePath = root + inSite;
      local.unpublished = unpublishedReason(inSite, site);
    } else if (!relative) {
      local.withoutBaseurl = root + urlPath;
    }
    if (relative) {
      try {
        const fromRoot = decodePath(new URL(address, ORIGIN + '/').pathname);
        if (fromRoot !== undefined && root + fromRoot !== local.sourcePath) local.fromRoot = root + fromRoot;
      } catch {
        // not resolvable from the root either
      }
    }
    out.push(local);
  }
  return out;
}

/** The files the rule may ask about for these images. */
export function localImagePaths(images: readonly LocalImage[]): string[] {
  return [...new Set(images.flatMap((i) => [i.sourcePath, i.withoutBaseurl, i.fromRoot].filter((p): p is string => p !== undefined)))];
}

/** Looks at the files through the workspace, a few at a time; a failure to look is unknown, not missing. */
export async function gatherFileFacts(workspace: Workspace, paths: readonly string[]): Promise<FileFacts> {
  const facts = new Map<string, FileFact>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const path = paths[next++];
      try {
        const stat = await workspace.stat(path);
        facts.set(path, stat === undefined ? 'missing' : stat.kind === 'directory' ? 'directory' : 'file');
      } catch {
        // unknown
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(STAT_CONCURRENCY, paths.length) }, worker));
  return { stat: (path) => facts.get(path) };
}

/** The facts a post's local images need, looked at now (no cache: a file added since the last check counts). */
export async function gatherLocalImageFacts(post: Post, site: SiteContext, now: Date, workspace: Workspace): Promise<FileFacts | undefined> {
  const paths = localImagePaths(localImages(post, site, now));
  return paths.length === 0 ? undefined : gatherFileFacts(workspace, paths);
}
