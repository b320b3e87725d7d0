/**
 * The language service in a worker thread, so that the protocol thread never waits for a check: a long parse (a 1 MB
 * front matter) delays only that document's diagnostics, while typing, other requests and other documents go on.
 * The protocol thread sends the text of open documents; the worker reads everything else from disk.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import type { SiteFileKind } from '../core/jekyll/paths';
import type { PostFacets } from '../core/facetIndex';
import { remoteFacts, type RemoteImageResult } from '../core/remote';
import { createLanguageService, type CheckOptions, type DocumentRef, type IndexScan } from '../core/service';
import type { Fix, Problem, SeveritySetting } from '../core/types';
import type { ReadResult, Workspace } from '../core/workspace';
import { FsWorkspace } from '../node/fsWorkspace';

/** What crosses the thread boundary for a check: plain data (the protocol thread rebuilds line indexes). */
export interface RemoteResult {
  path: string;
  problems: Problem[];
  text: string;
  /** The post's `from`, for the other thread's index (so it need not parse the text again). */
  source?: string;
  /** The post's tags, categories and authors, for the index. */
  facets?: PostFacets;
}

type Overrides = Record<string, SeveritySetting> | undefined;

export type HostRequest =
  | { op: 'open'; path: string; text: string | undefined }
  | { op: 'check'; document: DocumentRef; overrides: Overrides; remote?: RemoteImageResult[] }
  | { op: 'checkSite'; root: string; overrides: Overrides }
  | { op: 'fixAll'; document: DocumentRef; overrides: Overrides; remote?: RemoteImageResult[] }
  | { op: 'remoteRequests'; document: DocumentRef }
  | { op: 'render'; document: DocumentRef; layout?: boolean }
  | { op: 'safeFixes'; document: DocumentRef; fixes: Fix[] }
  | { op: 'outline'; document: DocumentRef }
  | { op: 'hover'; document: DocumentRef; offset: number }
  | { op: 'complete'; document: DocumentRef; offset: number }
  | { op: 'listSiteFiles'; folder: string; kinds: SiteFileKind[] }
  | { op: 'indexUpdate'; path: string; text: string | undefined }
  | { op: 'indexSet'; path: string; url: string | undefined; facets?: PostFacets }
  | { op: 'indexScan'; folders: string[] }
  | { op: 'invalidate'; path: string }
  | { op: 'forget'; path: string };

type Message = { id: number; request: HostRequest };
type Answer = { id: number; result?: unknown; error?: string } | { log: string } | { progress: number };

/** The worker's side: one language service over the disk, with the open documents' text on top. */
export function serveLanguageService(port: MessagePort): void {
  const disk = new FsWorkspace();
  const open = new Map<string, string>();
  const workspace: Workspace = {
    read: async (path): Promise<ReadResult> => (open.has(path) ? { ok: true, text: open.get(path) as string } : disk.read(path)),
    readFile: async (path) => open.get(path) ?? disk.readFile(path),
    readDirectory: (path) => disk.readDirectory(path),
    stat: async (path) => (open.has(path) ? { kind: 'file', size: (open.get(path) as string).length } : disk.stat(path)),
  };
  const service = createLanguageService({ workspace, log: (message) => port.postMessage({ log: message } satisfies Answer) });
  const options = (overrides: Overrides, remote?: RemoteImageResult[]): CheckOptions => ({ severityOverrides: overrides, remote: remote && remoteFacts(remote) });
  const strip = (r: RemoteResult): RemoteResult => ({ path: r.path, problems: r.problems, text: r.text, source: r.source, facets: r.facets });

  async function answer(request: HostRequest): Promise<unknown> {
    switch (request.op) {
      case 'open':
        if (request.text === undefined) open.delete(request.path);
        else open.set(request.path, request.text);
        return undefined;
      case 'check':
        open.set(request.document.path, request.document.text);
        return strip(await service.checkDocument(request.document, options(request.overrides, request.remote)));
      case 'checkSite':
        return (await service.checkSite(request.root, options(request.overrides))).map(strip);
      case 'fixAll':
        return service.fixAll(request.document, options(request.overrides, request.remote));
      case 'remoteRequests':
        return service.remoteImageRequests(request.document);
      case 'render':
        return service.renderDocument(request.document, { sanitize: true, sourceLines: true, layout: request.layout === true });
      case 'safeFixes': {
        // Which of the fixes are safe, by position (the objects do not survive the trip between threads).
        const safe = new Set(await service.safeFixes(request.document, request.fixes));
        return request.fixes.map((fix) => safe.has(fix));
      }
      case 'outline':
        return service.outline(request.document);
      case 'hover':
        return service.hover(request.document, request.offset);
      case 'complete':
        return service.complete(request.document, request.offset);
      case 'listSiteFiles':
        return service.listSiteFiles(request.folder, new Set(request.kinds));
      case 'indexUpdate':
        return service.index.update(request.path, request.text);
      case 'indexSet':
        return service.index.set(request.path, request.url, request.facets);
      case 'indexScan': {
        let last = 0;
        return service.index.scan(request.folders, undefined, (files) => {
          if (Date.now() - last < 250) return;
          last = Date.now();
          port.postMessage({ progress: files } satisfies Answer);
        });
      }
      case 'invalidate':
        return service.invalidate(request.path);
      case 'forget':
        open.delete(request.path);
        return service.forget(request.path);
    }
  }

  port.on('message', ({ id, request }: Message) => {
    answer(request).then(
      (result) => port.postMessage({ id, result } satisfies Answer),
      (error: unknown) => port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Answer),
    );
  });
}

const MAX_RESTARTS_PER_MINUTE = 3;

/** One checker thread, from the protocol thread's side: the operations as promises. A worker that dies is started again. */
class ServiceThread {
  private worker!: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  /** The open documents' text, sent again to a restarted worker. */
  private readonly open = new Map<string, string>();
  onProgress: (files: number) => void = () => undefined;
  /** Called after a worker had to be started again (its index is empty until scanned). */
  onRestart: () => void = () => undefined;

  constructor(
    private readonly file: string,
    private readonly log: (message: string) => void,
  ) {
    this.start();
  }

  private start(): void {
    this.worker = new Worker(this.file, { workerData: { role: 'newsdesk-service' } });
    this.worker.on('message', (answer: Answer) => {
      if ('log' in answer) return this.log(answer.log);
      if ('progress' in answer) return this.onProgress(answer.progress);
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (answer.error !== undefined) waiting?.reject(new Error(answer.error));
      else waiting?.resolve(answer.result);
    });
    const worker = this.worker;
    worker.on('error', (error) => this.log(`The checker thread failed: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => {
      if (worker !== this.worker) return;
      const error = new Error(`the checker thread stopped (code ${code})`);
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      if (this.closed) return;
      const now = Date.now();
      this.restarts = this.restarts.filter((at) => now - at < 60_000);
      if (this.restarts.length >= MAX_RESTARTS_PER_MINUTE) {
        // Something crashes it again and again (an open document?): stop rather than loop; a restart of the
        // language server (the "Restart Language Server" command) tries again.
        this.closed = true;
        this.log(`The checker thread stopped ${MAX_RESTARTS_PER_MINUTE} times within a minute; it is not started again.`);
        return;
      }
      this.restarts.push(now);
      this.log(`The checker thread stopped (code ${code}); starting it again.`);
      this.start();
      for (const [path, text] of this.open) void this.call({ op: 'open', path, text }).catch(() => undefined);
      this.onRestart();
    });
  }

  private closed = false;
  private restarts: number[] = [];
  /** Per document: whether a check is running, and the newest check waiting behind it. */
  private readonly checks = new Map<string, { waiting?: { request: HostRequest; resolve: (value: unknown) => void; reject: (error: Error) => void } }>();

  /**
   * A check of a document waits while another check of it runs, and a newer one replaces it: typing in a large
   * post never queues up parses of versions nobody will see. A replaced check answers undefined.
   */
  check<T>(request: Extract<HostRequest, { op: 'check' }>): Promise<T | undefined> {
    const path = request.document.path;
    const state = this.checks.get(path);
    if (state) {
      state.waiting?.resolve(undefined);
      return new Promise<T | undefined>((resolve, reject) => {
        state.waiting = { request, resolve: resolve as (value: unknown) => void, reject };
      });
    }
    const entry: { waiting?: { request: HostRequest; resolve: (value: unknown) => void; reject: (error: Error) => void } } = {};
    this.checks.set(path, entry);
    const settle = () => {
      this.checks.delete(path);
      const next = entry.waiting;
      if (next) this.check(next.request as Extract<HostRequest, { op: 'check' }>).then(next.resolve, next.reject);
    };
    return this.call<T>(request).finally(settle);
  }

  call<T>(request: HostRequest): Promise<T> {
    if (request.op === 'open' || request.op === 'check') {
      const path = request.op === 'open' ? request.path : request.document.path;
      const text = request.op === 'open' ? request.text : request.document.text;
      if (text === undefined) this.open.delete(path);
      else this.open.set(path, text);
    } else if (request.op === 'forget') this.open.delete(request.path);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, request } satisfies Message);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
  }
}

/** Documents above this size are checked in a thread of their own, so a long parse never delays the others. */
export const LARGE_DOCUMENT = 256 * 1024;

/**
 * The protocol thread's view of the checker: two identical language services in two threads. Ordinary documents
 * go to the first; a large document (a 1 MB front matter can take seconds to parse) to the second, so typing in a
 * normal post is never stuck behind it. What changes the state of the services goes to both.
 */
export class ServiceClient {
  private readonly normal: ServiceThread;
  private readonly large: ServiceThread;

  private closing = false;

  constructor(
    file: string,
    private readonly log: (message: string) => void,
  ) {
    this.normal = new ServiceThread(file, log);
    this.large = new ServiceThread(file, log);
  }

  set onProgress(callback: (files: number) => void) {
    this.normal.onProgress = callback;
  }

  set onRestart(callback: () => void) {
    this.normal.onRestart = callback;
    this.large.onRestart = callback;
  }

  call<T>(request: HostRequest): Promise<T> {
    switch (request.op) {
      case 'check':
        return (request.document.text.length > LARGE_DOCUMENT ? this.large : this.normal).check<T>(request) as Promise<T>;
      case 'fixAll':
      case 'safeFixes':
      case 'remoteRequests':
        return (request.document.text.length > LARGE_DOCUMENT ? this.large : this.normal).call<T>(request);
      case 'outline':
      case 'hover':
      case 'complete':
      case 'render':
        // In the thread that does not check this document, on the other core: the preview, the outline, a hover and
        // completions never wait for the check of the keystroke that asked for them.
        return (request.document.text.length > LARGE_DOCUMENT ? this.normal : this.large).call<T>(request);
      case 'listSiteFiles':
      case 'checkSite':
        return this.normal.call<T>(request);
      case 'indexScan': {
        // Both read the index (the large thread on the other core); the answer is the first thread's.
        void this.large.call(request).catch(() => undefined);
        return this.normal.call<T>(request);
      }
      default:
        void this.large.call(request).catch(() => undefined);
        return this.normal.call<T>(request);
    }
  }

  /** Sends a request whose answer nobody waits for; a failure (the thread restarting) is only logged. */
  tell(request: HostRequest): void {
    this.call(request).catch((error: unknown) => this.closing || this.log(`${request.op} failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([this.normal.close(), this.large.close()]);
  }
}

export type { IndexScan };
