/**
 * Fetches remote images as the browser on the published page would, politely, and says what became of each:
 * HEAD first (an answer that says image is believed), GET when HEAD is refused or unclear (reading a few bytes to
 * recognise an image, then dropping the connection); redirects followed by hand, at most `maxRedirects`; 429 and 503
 * retried after `Retry-After` (bounded); a request that fails with the Referer asked again without one.
 */
import { remoteKey, type RemoteImageRequest, type RemoteImageResult } from '../../core/remote';
import type { RemoteImageCache } from './cache';
import { HostGate } from './gate';
import { isInternalAddress } from './address';
import { httpRequest, INTERNAL_DETAIL, type HttpAnswer, type HttpOutcome } from './http';
import { looksLikeImage } from './sniff';

export interface RemoteCheckerOptions {
  /** Per request (each redirect and retry is one). */
  timeoutMs?: number;
  perHost?: number;
  overall?: number;
  minIntervalMs?: number;
  maxRedirects?: number;
  /** Retries of a 429 or 503 answer. */
  retries?: number;
  /** The longest wait before a retry; an outlet asking for longer is not asked again (the image stays unchecked). */
  maxRetryWaitMs?: number;
  /** The wait before the first retry when the answer has no `Retry-After`; doubled for each next one. */
  backoffMs?: number;
  userAgent?: string;
  /** Fetch loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7) and link-local addresses too; refused by default. */
  allowPrivateAddresses?: boolean;
  cache?: RemoteImageCache;
  /** How long a failure is believed within one long session (the editor) before it is asked again. */
  failureTtlMs?: number;
  /** The most results held in memory; the oldest are forgotten first (the editor runs for days). */
  maxRemembered?: number;
  now?: () => number;
}

const SNIFF_BYTES = 512;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
export const USER_AGENT = 'JekyllNewsdesk (image check; +https://github.com/jekyll-newsdesk/jekyll-newsdesk)';

/** What one address gave, before the Referer is taken into account. */
type Load = { kind: 'ok' | 'broken' | 'denied' | 'unchecked'; detail: string; finalUrl?: string };

function statusLine(answer: HttpAnswer): string {
  return `${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
}

function contentType(answer: HttpAnswer): string {
  const raw = answer.headers['content-type'];
  return (Array.isArray(raw) ? raw[0] : (raw ?? '')).split(';')[0].trim().toLowerCase();
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | string[] | undefined, now: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The detail of a request dropped before it started because its asker no longer needs it. */
export const CANCELLED_DETAIL = 'not checked (cancelled)';

export class RemoteImageChecker {
  private readonly gate: HostGate;
  private readonly inFlight = new Map<string, Promise<RemoteImageResult>>();
  private readonly memory = new Map<string, { result: RemoteImageResult; at: number }>();
  private readonly options: Required<Omit<RemoteCheckerOptions, 'cache'>> & Pick<RemoteCheckerOptions, 'cache'>;
  /** HTTP requests made (each redirect and retry counts). */
  requests = 0;

  constructor(options: RemoteCheckerOptions = {}) {
    this.options = {
      timeoutMs: 10_000,
      perHost: 4,
      overall: 16,
      minIntervalMs: 100,
      maxRedirects: 10,
      retries: 2,
      maxRetryWaitMs: 30_000,
      backoffMs: 1_000,
      userAgent: USER_AGENT,
      allowPrivateAddresses: false,
      failureTtlMs: 5 * 60_000,
      maxRemembered: Infinity,
      now: Date.now,
      ...options,
    };
    this.gate = new HostGate(this.options);
  }

  /** A result already known (this session, or the cache on disk) and still fresh; nothing is fetched. */
  known(request: RemoteImageRequest): RemoteImageResult | undefined {
    const key = remoteKey(request.url, request.referrer);
    const held = this.memory.get(key);
    if (held) {
      const ttl = held.result.outcome === 'ok' ? Infinity : this.options.failureTtlMs;
      if (this.options.now() - held.at < ttl) return held.result;
      this.memory.delete(key);
    }
    const cached = this.options.cache?.get(key);
    if (cached) this.remember(key, cached);
    return cached;
  }

  private remember(key: string, result: RemoteImageResult): void {
    this.memory.delete(key);
    this.memory.set(key, { result, at: this.options.now() });
    if (this.memory.size > this.options.maxRemembered) this.memory.delete(this.memory.keys().next().value!);
  }

  /**
   * The result of one request, never a rejection; the same address and Referer asked twice at once is fetched once.
   * Once `signal` is aborted, requests not yet started are dropped: the result is `unchecked` (CANCELLED_DETAIL) and
   * nothing is remembered.
   */
  check(request: RemoteImageRequest, signal?: AbortSignal): Promise<RemoteImageResult> {
    const known = this.known(request);
    if (known) return Promise.resolve(known);
    const cancelled = (): RemoteImageResult => ({ url: request.url, referrer: request.referrer, outcome: 'unchecked', detail: CANCELLED_DETAIL });
    if (signal?.aborted) return Promise.resolve(cancelled());
    const key = remoteKey(request.url, request.referrer);
    let running = this.inFlight.get(key);
    if (!running) {
      running = this.probe(request.url, request.referrer, signal).then(
        (result) => {
          this.remember(key, result);
          this.options.cache?.put(key, result);
          return result;
        },
        // Never a rejection: one would fail every other image of the `checkAll` it is part of.
        (error: unknown): RemoteImageResult => (signal?.aborted ? cancelled() : { url: request.url, referrer: request.referrer, outcome: 'unchecked', detail: `not checked (${error instanceof Error ? error.message : String(error)})` }),
      );
      running.finally(() => this.inFlight.delete(key)).catch(() => undefined);
      this.inFlight.set(key, running);
    }
    // Joined a fetch that its first asker cancelled: this asker still wants it.
    return running.then((result) => (result.detail === CANCELLED_DETAIL && !signal?.aborted ? this.check(request, signal) : result));
  }

  checkAll(requests: readonly RemoteImageRequest[], signal?: AbortSignal): Promise<RemoteImageResult[]> {
    return Promise.all(requests.map((request) => this.check(request, signal)));
  }

  /** Every result fetched or read from the cache in this session. */
  results(): RemoteImageResult[] {
    return [...this.memory.values()].map((held) => held.result);
  }

  /** Writes the cache; returns why it could not, or undefined. */
  save(): string | undefined {
    return this.options.cache?.save();
  }

  private async probe(url: string, referrer: string | undefined, signal: AbortSignal | undefined): Promise<RemoteImageResult> {
    const withReferrer = await this.load(url, referrer, signal);
    const result = (load: Load, outcome: RemoteImageResult['outcome']): RemoteImageResult => ({
      url,
      referrer,
      outcome,
      detail: load.detail,
      ...(load.finalUrl && load.finalUrl !== url ? { finalUrl: load.finalUrl } : {}),
    });
    if (withReferrer.kind === 'ok' || withReferrer.kind === 'unchecked') return result(withReferrer, withReferrer.kind);
    if (referrer === undefined) return result(withReferrer, withReferrer.kind === 'denied' ? 'bot-wall' : 'broken');
    // Refused with the Referer: the same image without one tells a hotlink block from a broken image.
    const without = await this.check({ url, referrer: undefined }, signal);
    if (without.detail === CANCELLED_DETAIL) signal?.throwIfAborted();
    if (without.outcome === 'ok') return result(withReferrer, 'hotlink-blocked');
    if (without.outcome === 'unchecked') return result(withReferrer, withReferrer.kind === 'denied' ? 'bot-wall' : 'broken');
    return { ...without, referrer };
  }

  /** HEAD, then GET unless HEAD said plainly that this is an image. */
  private async load(url: string, referrer: string | undefined, signal: AbortSignal | undefined): Promise<Load> {
    const head = await this.follow('HEAD', url, referrer, signal);
    if ('answer' in head) {
      const { answer } = head;
      const length = answer.headers['content-length'];
      if (answer.status >= 200 && answer.status < 300 && contentType(answer).startsWith('image/') && length !== '0') {
        return { kind: 'ok', detail: `${statusLine(answer)} ${contentType(answer)}`, finalUrl: head.finalUrl };
      }
    }
    else if (head.failure.startsWith(INTERNAL_DETAIL)) return { kind: 'unchecked', detail: head.failure, finalUrl: head.finalUrl };
    const get = await this.follow('GET', url, referrer, signal);
    if (!('answer' in get)) return { kind: 'unchecked', detail: get.failure, finalUrl: get.finalUrl };
    return { ...this.classify(get.answer), finalUrl: get.finalUrl };
  }

  private classify(answer: HttpAnswer): Omit<Load, 'finalUrl'> {
    const { status } = answer;
    if (status >= 200 && status < 300) {
      const type = contentType(answer);
      if (answer.head.length === 0) return { kind: 'broken', detail: `${statusLine(answer)} with an empty body` };
      if (type.startsWith('image/')) return { kind: 'ok', detail: `${statusLine(answer)} ${type}` };
      if (!type || type === 'application/octet-stream' || type === 'binary/octet-stream') {
        return looksLikeImage(answer.head) ? { kind: 'ok', detail: `${statusLine(answer)} ${type || 'without a type'}, an image by its bytes` } : { kind: 'broken', detail: `${statusLine(answer)} ${type || 'without a type'}, not an image` };
      }
      if (type === 'text/html') return { kind: 'broken', detail: `${statusLine(answer)} with an HTML page instead of an image (a "not found" page)` };
      return { kind: 'broken', detail: `${statusLine(answer)} with ${type}, not an image` };
    }
    if (status === 404 || status === 410) return { kind: 'broken', detail: statusLine(answer) };
    if (status === 401 || status === 403) return { kind: 'denied', detail: statusLine(answer) };
    return { kind: 'unchecked', detail: statusLine(answer) };
  }

  /** Follows redirects by hand; the answer at the end, or why there is none. */
  private async follow(method: 'HEAD' | 'GET', start: string, referrer: string | undefined, signal: AbortSignal | undefined): Promise<HttpOutcome & { finalUrl: string }> {
    let url = new URL(start);
    for (let hop = 0; ; hop++) {
      const outcome = await this.politely(method, url, referrer, signal);
      if (!('answer' in outcome)) return { ...outcome, finalUrl: url.href };
      const location = outcome.answer.headers.location;
      if (!REDIRECTS.has(outcome.answer.status) || !location) return { ...outcome, finalUrl: url.href };
      if (hop >= this.options.maxRedirects) return { failure: `more than ${this.options.maxRedirects} redirects`, finalUrl: url.href };
      try {
        url = new URL(location, url);
      } catch {
        return { failure: `a redirect to an invalid address (${location})`, finalUrl: url.href };
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { failure: `a redirect to ${url.protocol} (not http)`, finalUrl: url.href };
    }
  }

  /** One request through the gate of its host; 429 and 503 waited out and asked again, within bounds. */
  private async politely(method: 'HEAD' | 'GET', url: URL, referrer: string | undefined, signal: AbortSignal | undefined): Promise<HttpOutcome> {
    const { retries, backoffMs, maxRetryWaitMs } = this.options;
    // Written as an address: refused without taking a place at the gate (a name is judged when it is resolved).
    if (!this.options.allowPrivateAddresses && isInternalAddress(url.hostname)) return { failure: `${INTERNAL_DETAIL} (${url.hostname} is a private or local address)` };
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.gate.run(url.host, () => {
        this.requests++;
        return httpRequest(method, url, referrer, { timeoutMs: this.options.timeoutMs, userAgent: this.options.userAgent, maxBytes: SNIFF_BYTES, allowInternal: this.options.allowPrivateAddresses });
      }, signal);
      if (!('answer' in outcome) || (outcome.answer.status !== 429 && outcome.answer.status !== 503) || attempt >= retries) return outcome;
      const wait = retryAfterMs(outcome.answer.headers['retry-after'], Date.now()) ?? backoffMs * 2 ** attempt;
      if (wait > maxRetryWaitMs) return outcome;
      await sleep(wait);
    }
  }
}
