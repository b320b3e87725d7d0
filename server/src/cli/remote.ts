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
}

export async function fetchRemoteImages(requests: RemoteImageRequest[], { cacheDir, version, allowPrivateAddresses = false }: RemoteRunOptions): Promise<RemoteRun> {
  const unique = new Map<string, RemoteImageRequest>();
  for (const request of requests) unique.set(remoteKey(request.url, request.referrer), request);
  const cache = cacheDir === null ? undefined : new RemoteImageCache(cacheDir ?? defaultCacheDir());
  const checker = new RemoteImageChecker({ cache, allowPrivateAddresses, userAgent: USER_AGENT.replace('JekyllNewsdesk', `JekyllNewsdesk/${version}`) });
  const asked = await checker.checkAll([...unique.values()]);
  const failure = checker.save();
  const count = (outcome: RemoteImageResult['outcome']) => asked.filter((r) => r.outcome === outcome).length;
  const parts = [`${asked.length} remote image${asked.length === 1 ? '' : 's'} checked with ${checker.requests} request${checker.requests === 1 ? '' : 's'}`];
  if (count('broken')) parts.push(`${count('broken')} broken`);
  if (count('hotlink-blocked')) parts.push(`${count('hotlink-blocked')} blocked as hotlinks`);
  if (count('bot-wall')) parts.push(`${count('bot-wall')} behind a bot wall (not reported)`);
  const refused = asked.filter((r) => r.outcome === 'unchecked' && r.detail.startsWith(INTERNAL_DETAIL)).length;
  if (refused) parts.push(`${refused} not fetched for a private or local address (--remote-allow-private fetches them)`);
  if (count('unchecked') - refused) parts.push(`${count('unchecked') - refused} could not be checked (server errors, timeouts or no network; not reported)`);
  const summary = parts.join(', ') + '.' + (failure ? ` Note: ${failure}.` : '');
  return { results: checker.results(), summary };
}
