/** `--check-remote`: the requests of every checked post, fetched once each, politely, before the posts are checked. */
import { remoteKey, type RemoteImageRequest, type RemoteImageResult } from '../core/remote';
import { defaultCacheDir, RemoteImageCache } from '../node/remote/cache';
import { RemoteImageChecker, USER_AGENT } from '../node/remote/checker';
import { INTERNAL_DETAIL } from '../node/remote/http';

export interface RemoteRun {
  /** Every result learnt (those without a Referer asked to tell hotlink blocks included), for the checks. */
  results: RemoteImageResult[];
  /** One line for stderr: what was fetched and what could not be checked. */
  summary: string;
}

export interface RemoteRunOptions {
  /** Undefined: the default folder; null: no cache. */
  cacheDir?: string | null;
  version: string;
  allowPrivateAddresses?: boolean;
  /** The most images fetched in this run; those the cache knows do not count. */
  limit?: number;
}

/** Every request bounded in count: a run over a large archive stops fetching here, and says so. */
export const DEFAULT_REMOTE_LIMIT = 5_000;

export async function fetchRemoteImages(requests: RemoteImageRequest[], { cacheDir, version, allowPrivateAddresses = false, limit = DEFAULT_REMOTE_LIMIT }: RemoteRunOptions): Promise<RemoteRun> {
  const unique = new Map<string, RemoteImageRequest>();
  for (const request of requests) unique.set(remoteKey(request.url, request.referrer), request);
  const cache = cacheDir === null ? undefined : new RemoteImageCache(cacheDir ?? defaultCacheDir());
  const checker = new RemoteImageChecker({ cache, allowPrivateAddresses, userAgent: USER_AGENT.replace('JekyllNewsdesk', `JekyllNewsdesk/${version}`) });
  const known: RemoteImageRequest[] = [];
  const unknown: RemoteImageRequest[] = [];
  for (const request of unique.values()) (checker.known(request) ? known : unknown).push(request);
  const skipped = Math.max(0, unknown.length - limit);
  const asked = await checker.checkAll([...known, ...unknown.slice(0, limit)]);
  const failure = checker.save();
  const count = (outcome: RemoteImageResult['outcome']) => asked.filter((r) => r.outcome === outcome).length;
  const parts = [`${asked.length} remote image${asked.length === 1 ? '' : 's'} checked with ${checker.requests} request${checker.requests === 1 ? '' : 's'}`];
  if (count('broken')) parts.push(`${count('broken')} broken`);
  if (count('hotlink-blocked')) parts.push(`${count('hotlink-blocked')} blocked as hotlinks`);
  if (count('bot-wall')) parts.push(`${count('bot-wall')} behind a bot wall (not reported)`);
  const refused = asked.filter((r) => r.outcome === 'unchecked' && r.detail.startsWith(INTERNAL_DETAIL)).length;
  if (refused) parts.push(`${refused} not fetched for a private or local address (--remote-allow-private fetches them)`);
  if (count('unchecked') - refused) parts.push(`${count('unchecked') - refused} could not be checked (server errors, timeouts or no network; not reported)`);
  if (skipped) parts.push(`${skipped} more not checked: at most ${limit.toLocaleString('en-US')} are fetched in one run (--remote-limit N to change)`);
  const summary = parts.join(', ') + '.' + (failure ? ` Note: ${failure}.` : '');
  return { results: checker.results(), summary };
}
