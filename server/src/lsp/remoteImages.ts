/**
 * Remote images in the editor (`newsdesk.images.checkRemote`): never on the typing path. After a document's
 * diagnostics are published, its images that are not known yet are fetched here, in the protocol thread (the work is
 * waiting on the network, not computing); when results arrive and the document is still at that version, it is checked
 * again with them. What is known is passed with every later check, so the problems stay while typing.
 */
import { remoteKey, type RemoteImageRequest, type RemoteImageResult } from '../core/remote';
import { defaultCacheDir, RemoteImageCache } from '../node/remote/cache';
import { RemoteImageChecker, type RemoteCheckerOptions } from '../node/remote/checker';

export class RemoteImageWatch {
  private readonly cache: RemoteImageCache;
  /** One checker that refuses private and local addresses, and one for sites that allow them (made when first needed). */
  private readonly checkers = new Map<boolean, RemoteImageChecker>();
  /** Per document: the results its last check was given. */
  private readonly given = new Map<string, RemoteImageResult[]>();

  constructor(
    cacheDir: string | undefined,
    private readonly log: (message: string) => void,
    private readonly options: RemoteCheckerOptions = {},
  ) {
    this.cache = new RemoteImageCache(cacheDir ?? defaultCacheDir());
  }

  private checker(allowPrivateAddresses: boolean): RemoteImageChecker {
    let checker = this.checkers.get(allowPrivateAddresses);
    if (!checker) {
      // The editor runs for days: at most 20,000 results in memory (the cache on disk keeps what loaded).
      checker = new RemoteImageChecker({ cache: this.cache, maxRemembered: 20_000, ...this.options, allowPrivateAddresses });
      this.checkers.set(allowPrivateAddresses, checker);
    }
    return checker;
  }

  /** The results to check a document with (undefined until its images were looked at). */
  factsFor(uri: string): RemoteImageResult[] | undefined {
    return this.given.get(uri);
  }

  /** What is known of these requests, with the answers without a Referer that tell a hotlink block. */
  private knownOf(checker: RemoteImageChecker, requests: RemoteImageRequest[]): { results: RemoteImageResult[]; missing: RemoteImageRequest[] } {
    const results: RemoteImageResult[] = [];
    const missing: RemoteImageRequest[] = [];
    for (const request of requests) {
      const known = checker.known(request);
      if (!known) missing.push(request);
      else results.push(known);
      const without = request.referrer !== undefined ? checker.known({ url: request.url }) : undefined;
      if (without) results.push(without);
    }
    return { results, missing };
  }

  /**
   * After a publish: fetches what is missing, and calls `recheck` when the document should be checked again with new
   * results. `isCurrent` says whether the document is still at the version that was published; a newer one ignores
   * these results (they are kept for its own check). `allowPrivateAddresses`: the site's images on loopback, private
   * and link-local addresses are fetched too. Once `signal` is aborted (a newer version), the requests not yet started
   * are dropped.
   */
  async refresh(uri: string, requests: RemoteImageRequest[], isCurrent: () => boolean, recheck: () => void, allowPrivateAddresses = false, signal?: AbortSignal): Promise<void> {
    const checker = this.checker(allowPrivateAddresses);
    const first = this.knownOf(checker, requests);
    let results = first.results;
    if (first.missing.length) {
      const missing = first.missing;
      await checker.checkAll(missing, signal);
      const failure = checker.save();
      if (failure) this.log(`Remote images: ${failure}.`);
      results = this.knownOf(checker, requests).results;
    }
    if (signal?.aborted || !isCurrent()) return;
    const key = (list: RemoteImageResult[] | undefined) => (list ?? []).map((r) => `${remoteKey(r.url, r.referrer)} ${r.outcome} ${r.detail}`).sort().join('\n');
    if (this.given.has(uri) && key(this.given.get(uri)) === key(results)) return;
    this.given.set(uri, results);
    recheck();
  }

  forget(uri: string): void {
    this.given.delete(uri);
  }
}
