/**
 * One HTTP request, bounded: a deadline for the whole exchange, and for GET at most `maxBytes` of the body read (what
 * is needed to recognise an image), then the connection is dropped. Redirects are not followed here.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { INTERNAL_CODE, internalAddressError, isInternalAddress, publicOnlyLookup } from './address';

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  /** The first bytes of the body (GET only). */
  head: Buffer;
}

export type HttpOutcome = { answer: HttpAnswer } | { failure: string };

export interface HttpOptions {
  timeoutMs: number;
  userAgent: string;
  maxBytes: number;
  /** Fetch loopback, private and link-local addresses too (an intranet site); refused by default. */
  allowInternal?: boolean;
}

/** The detail of an image refused for its address. */
export const INTERNAL_DETAIL = 'a private or local address; not fetched';

function failureText(error: NodeJS.ErrnoException, timeoutMs: number): string {
  if (error.code === INTERNAL_CODE) return `${INTERNAL_DETAIL} (${error.message})`;
  if (error.message === 'timeout') return `no answer within ${timeoutMs / 1000} s`;
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return `the host could not be found (${error.code})`;
  if (error.code) return `a network failure (${error.code})`;
  return `a network failure (${error.message})`;
}

export function httpRequest(method: 'HEAD' | 'GET', url: URL, referrer: string | undefined, options: HttpOptions): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let request: http.ClientRequest | undefined;
    // Set before `settle` can run: a request that throws at once settles through it too.
    const deadline = setTimeout(() => request?.destroy(new Error('timeout')), options.timeoutMs);
    const settle = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
    };
    const headers: http.OutgoingHttpHeaders = { 'User-Agent': options.userAgent, Accept: 'image/avif,image/webp,image/*,*/*;q=0.8' };
    if (referrer !== undefined) headers.Referer = referrer;
    // An address written as such is never looked up: it is judged here; a name is judged on what it resolves to.
    if (!options.allowInternal && isInternalAddress(url.hostname)) {
      settle({ failure: failureText(internalAddressError(url.hostname, url.hostname), options.timeoutMs) });
      return;
    }
    try {
      request = (url.protocol === 'https:' ? https : http).request(url, { method, headers, ...(options.allowInternal ? {} : { lookup: publicOnlyLookup }) });
    } catch (error) {
      settle({ failure: `the request could not be made (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
      return;
    }
    request.on('error', (error: NodeJS.ErrnoException) => settle({ failure: failureText(error, options.timeoutMs) }));
    request.on('response', (response) => {
      const base = { status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers };
      const wantsBody = method === 'GET' && base.status >= 200 && base.status < 300;
      if (!wantsBody) {
        settle({ answer: { ...base, head: Buffer.alloc(0) } });
        response.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        settle({ answer: { ...base, head: Buffer.concat(chunks).subarray(0, options.maxBytes) } });
        response.destroy();
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= options.maxBytes) done();
      });
      response.on('end', done);
      response.on('error', (error: NodeJS.ErrnoException) => (size > 0 ? done() : settle({ failure: failureText(error, options.timeoutMs) })));
      // Closed before the end and before enough bytes: what came is all there is, or nothing did.
      response.on('close', () => (size > 0 ? done() : settle({ failure: 'a network failure (the connection closed before the body)' })));
    });
    request.end();
  });
}
