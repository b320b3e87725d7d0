/**
 * Remote images as the published page loads them. The core never fetches: it says which requests a post's images
 * make (the address, and the Referer the browser would send), and the rules read results gathered beforehand by
 * whoever can fetch (the CLI with `--check-remote`, the language server in the background). No results, no reports.
 */
import type { BodyImage } from './body';
import type { Post } from './post';
import type { SiteContext } from './site';
import { writtenValue } from './rules/image/util';

/**
 * - `ok`: loads as an image.
 * - `broken`: 404/410, a 200 that is not an image (a soft 404 page), an empty body.
 * - `hotlink-blocked`: fails with the site's Referer and loads without one.
 * - `bot-wall`: 401/403 with or without a Referer: the outlet turns away scripts, not necessarily browsers.
 * - `unchecked`: 5xx, timeout, network failure, too many redirects: nothing is known.
 */
export type RemoteOutcome = 'ok' | 'broken' | 'hotlink-blocked' | 'bot-wall' | 'unchecked';

export interface RemoteImageRequest {
  url: string;
  /** The Referer the published page sends for this image (an origin), or undefined for none. */
  referrer?: string;
}

export interface RemoteImageResult extends RemoteImageRequest {
  outcome: RemoteOutcome;
  /** Short and factual: `404 Not Found`, `text/html`, `timed out after 10 s`. */
  detail: string;
  /** Where the redirects ended, when that is not `url`. */
  finalUrl?: string;
}

export interface RemoteImageFacts {
  lookup(url: string, referrer: string | undefined): RemoteImageResult | undefined;
}

export function remoteKey(url: string, referrer: string | undefined): string {
  return `${referrer ?? '-'} ${url}`;
}

/** Facts from a list of results (what crosses a thread boundary is the list). */
export function remoteFacts(results: readonly RemoteImageResult[]): RemoteImageFacts {
  const byKey = new Map(results.map((result) => [remoteKey(result.url, result.referrer), result]));
  return { lookup: (url, referrer) => byKey.get(remoteKey(url, referrer)) };
}

/** Policies under which a cross-origin image request carries no Referer at all. */
const NO_REFERRER = new Set(['no-referrer', 'same-origin']);
/** Policies (the browser's default, '', among them) that send none when an https page loads an http image. */
const NONE_ON_DOWNGRADE = new Set(['', 'strict-origin', 'strict-origin-when-cross-origin', 'no-referrer-when-downgrade']);

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The few entities an address in HTML is written with. */
function decodeAttribute(value: string): string {
  return value.replace(/&(amp|quot|apos|#38|#x26);/gi, (_, name: string) => (/^(amp|#38|#x26)$/i.test(name) ? '&' : name.toLowerCase() === 'quot' ? '"' : "'"));
}

/** The request an image makes on the published page, or undefined when it is not a remote http(s) image. */
export function remoteImageRequest(post: Post, site: SiteContext, image: BodyImage): RemoteImageRequest | undefined {
  const written = writtenValue(post, image.attribute('src'))?.trim();
  if (!written || !/^(https?:)?\/\//i.test(written)) return undefined;
  const siteOrigin = originOf(site.url);
  const absolute = written.startsWith('//') ? `${siteOrigin?.startsWith('http:') ? 'http' : 'https'}:${written}` : written;
  let url: URL;
  try {
    url = new URL(image.syntax === 'html' ? decodeAttribute(absolute) : absolute);
  } catch {
    return undefined;
  }
  if (!url.hostname) return undefined;
  url.hash = '';
  const policy = (image.attribute('referrerpolicy')?.value ?? '').trim().toLowerCase();
  let referrer = siteOrigin;
  if (site.noReferrerMeta || NO_REFERRER.has(policy)) referrer = undefined;
  else if (siteOrigin?.startsWith('https:') && url.protocol === 'http:' && NONE_ON_DOWNGRADE.has(policy)) referrer = undefined;
  // On its own origin the page sends its full address; the origin stands in for it (hotlink checks look at the host).
  return { url: url.href, referrer };
}

/** The most remote images of one post that are fetched (the local image check looks at as many). */
export const MAX_REMOTE_IMAGES = 200;

/** The distinct requests of a post's images, in the order they appear: the first MAX_REMOTE_IMAGES. */
export function remoteImageRequests(post: Post, site: SiteContext): RemoteImageRequest[] {
  const seen = new Set<string>();
  const out: RemoteImageRequest[] = [];
  for (const image of post.bodyModel.images) {
    if (out.length >= MAX_REMOTE_IMAGES) break;
    const request = remoteImageRequest(post, site, image);
    if (!request) continue;
    const key = remoteKey(request.url, request.referrer);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(request);
  }
  return out;
}
