/**
 * A local HTTP server on 127.0.0.1 (a free port) with one route per behaviour of an outlet's image server; it records
 * every request (method, path, Referer, User-Agent) and the most requests it had in flight at once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8cf00000301010018dd8db40000000049454e44ae426082', 'hex');

export interface Recorded {
  method: string;
  path: string;
  referer?: string;
  userAgent?: string;
  at: number;
}

export interface ImageServer {
  origin: string;
  url(path: string): string;
  requests: Recorded[];
  /** Requests to one path (query included). */
  to(path: string): Recorded[];
  maxInFlight: number;
  /** Bytes of the large body written before the client hung up. */
  bigBytesWritten: number;
  close(): Promise<void>;
}

const BIG = 10 * 1024 * 1024;

export async function startImageServer(): Promise<ImageServer> {
  const requests: Recorded[] = [];
  let inFlight = 0;
  const state = { maxInFlight: 0, bigBytesWritten: 0 };
  const counts = new Map<string, number>();
  const image = (res: ServerResponse, type = 'image/png') => {
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': PNG.length });
    res.end(PNG);
  };
  const status = (res: ServerResponse, code: number, headers: Record<string, string> = {}) => {
    res.writeHead(code, { 'Content-Type': 'text/html', ...headers });
    res.end(`<html><body>${code}</body></html>`);
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const seen = (counts.get(req.url ?? '') ?? 0) + 1;
    counts.set(req.url ?? '', seen);
    if (path === '/ok.png') return image(res);
    if (path === '/404.png') return status(res, 404);
    if (path === '/410.png') return status(res, 410);
    if (path === '/soft-404.png') return status(res, 200);
    if (path === '/empty.png') {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': 0 });
      return res.end();
    }
    if (path === '/head-405.png') return req.method === 'HEAD' ? status(res, 405) : image(res);
    // HEAD says HTML, GET serves the image: the GET decides.
    if (path === '/head-lies.png') return req.method === 'HEAD' ? status(res, 200) : image(res);
    if (path === '/octet.png') return image(res, 'application/octet-stream');
    if (path === '/octet-text.png') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      return res.end('just some text, not an image');
    }
    if (path.startsWith('/redirect/')) {
      const left = Number(path.split('/')[2]);
      if (left === 0) return image(res);
      res.writeHead(302, { Location: `/redirect/${left - 1}` });
      return res.end();
    }
    if (path === '/hotlink.png') return req.headers.referer ? status(res, 403) : image(res);
    if (path === '/bot-wall.png') return status(res, 403);
    if (path === '/500.png') return status(res, 500);
    if (path === '/slow.png') {
      const timer = setTimeout(() => image(res), 2_000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (path === '/429.png') return seen === 1 ? status(res, 429, { 'Retry-After': '1' }) : image(res);
    if (path === '/429-date.png') return seen === 1 ? status(res, 503, { 'Retry-After': new Date(Date.now() + 1_000).toUTCString() }) : image(res);
    if (path === '/429-long.png') return status(res, 429, { 'Retry-After': '120' });
    if (path === '/reset.png') return req.socket.destroy();
    if (path === '/big.bin') {
      if (req.method === 'HEAD') return status(res, 405);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': BIG });
      const chunk = Buffer.alloc(64 * 1024);
      PNG.copy(chunk);
      let closed = false;
      res.on('close', () => (closed = true));
      const pump = () => {
        while (!closed && state.bigBytesWritten < BIG) {
          state.bigBytesWritten += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!closed) res.end();
      };
      pump();
      return;
    }
    if (path.startsWith('/slow-ok/')) {
      const timer = setTimeout(() => image(res), 80);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    status(res, 404);
  };
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', referer: req.headers.referer, userAgent: req.headers['user-agent'], at: Date.now() });
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
    };
    res.on('close', finish);
    req.socket.on('close', finish);
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => origin + path,
    requests,
    to: (path) => requests.filter((r) => r.path === path),
    get maxInFlight() {
      return state.maxInFlight;
    },
    set maxInFlight(value: number) {
      state.maxInFlight = value;
    },
    get bigBytesWritten() {
      return state.bigBytesWritten;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
