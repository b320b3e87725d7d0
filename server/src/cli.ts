/** `newsdesk`: the command-line checker. A thin adapter over the language service: same rules, same fixes. */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { POST_EXTENSIONS, POST_KINDS } from './core/jekyll/paths';
import { findSiteRoot } from './core/site';
import { parseArgs, USAGE, UsageError, type CheckOptions, type RenderCommandOptions } from './cli/args';
import { createLanguageService } from './core/service';
import { FileChecker, type CheckJob, type FileRef, type FileReport, type SourceList } from './cli/check';
import { expandPaths } from './cli/files';
import { newPostCommand } from './cli/newPost';
import type { RemoteImageRequest, RemoteImageResult } from './core/remote';
import { addToTotals, emptyTotals, jsonWriter, sarifWriter, stylishWriter, type ReportWriter } from './cli/format';
import { listSiteFiles } from './core/siteFiles';
import { FsWorkspace, SyncFsWorkspace } from './node/fsWorkspace';

declare const NEWSDESK_VERSION: string | undefined;
const VERSION = typeof NEWSDESK_VERSION === 'string' ? NEWSDESK_VERSION : '0.0.0-dev';
/**
 * Below this many files one thread is as fast as two (measured on a 2-core machine: 1,806 posts 1.4 s on one
 * thread, 1.6 s on two; 5,418 posts 3.45 s and 3.07 s). `--workers N` overrides it.
 */
const PARALLEL_THRESHOLD = 3000;
/** Files per message to a worker: large enough to amortise messaging, small enough to keep the order buffer small. */
const BATCH = 64;
const YOUNG_GENERATION_MB = 4;
/** Enough for any file under the size limit that the parser accepts; a batch whose worker still runs out is checked again in the main thread. */
const OLD_GENERATION_MB = 48;

type RequestBody =
  | { kind: 'sources'; files: string[] }
  | { kind: 'setSources'; sources: SourceList }
  | { kind: 'remoteRequests'; files: string[] }
  | { kind: 'setRemote'; results: RemoteImageResult[] }
  | { kind: 'check'; files: FileRef[] };
type Request = RequestBody & { id: number };
type Reply = { id: number; sources?: Array<string | null>; requests?: RemoteImageRequest[]; reports?: FileReport[]; error?: string };

/** Where the work runs: this thread, or worker threads fed batch by batch. */
interface Pool {
  /** The normalized source of each file, aligned with `files`. */
  sources(files: string[]): Promise<Array<string | null>>;
  setSources(sources: SourceList): Promise<void>;
  /** The requests of the remote images of these posts (a file's request may repeat another's). */
  remoteRequests(files: string[]): Promise<RemoteImageRequest[]>;
  setRemote(results: RemoteImageResult[]): Promise<void>;
  check(files: FileRef[]): Promise<FileReport[]>;
  readonly size: number;
  close(): Promise<void>;
}

function localPool(job: CheckJob): Pool {
  const checker = new FileChecker(job);
  return {
    size: 1,
    sources: async (files) => checker.sourcesKeepingTexts(files),
    setSources: async (sources) => checker.setSources(sources),
    remoteRequests: async (files) => {
      const requests: RemoteImageRequest[] = [];
      for (const file of files) requests.push(...(await checker.remoteRequests(file)));
      return requests;
    },
    setRemote: async (results) => checker.setRemote(results),
    check: async (files) => {
      const reports: FileReport[] = [];
      for (const file of files) reports.push(await checker.check(file));
      return reports;
    },
    close: async () => undefined,
  };
}

function workerPool(job: CheckJob, count: number): Pool {
  let nextId = 0;
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void; worker?: Worker }>();
  const idle: Worker[] = [];
  const queue: Request[] = [];
  // The heap of a worker is kept small: a batch run allocates fast and keeps almost nothing, and V8's defaults (sized
  // for the machine's memory) let the resident size grow to gigabytes before collecting.
  const limits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB };
  const live = new Set(Array.from({ length: count }, () => new Worker(__filename, { workerData: job, resourceLimits: limits })));
  /** Where a batch goes when the worker checking it died (a file too large for its heap): this thread, unlimited. */
  let fallback: FileChecker | undefined;
  let sourcesForFallback: SourceList = [];
  let remoteForFallback: RemoteImageResult[] = [];
  const pump = () => {
    while (idle.length && queue.length) {
      const worker = idle.pop() as Worker;
      const request = queue.shift() as Request;
      const waiting = pending.get(request.id);
      if (waiting) waiting.worker = worker;
      worker.postMessage(request);
    }
  };
  for (const worker of live) {
    worker.on('message', (reply: Reply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.error) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply);
      idle.push(worker);
      pump();
    });
    const died = (error: Error) => {
      if (!live.delete(worker)) return;
      const at = idle.indexOf(worker);
      if (at !== -1) idle.splice(at, 1);
      for (const [id, waiting] of pending) {
        if (waiting.worker !== worker) continue;
        pending.delete(id);
        waiting.reject(error);
      }
      // Nothing left to run the queue: every request waiting for a worker fails over too.
      if (live.size === 0) for (const request of queue.splice(0)) pending.get(request.id)?.reject(error);
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`a worker thread stopped with code ${code}`)));
    idle.push(worker);
  }
  const send = (request: RequestBody, target?: Worker): Promise<Reply> => {
    if (live.size === 0) return Promise.reject(new Error('no worker thread left'));
    const id = nextId++;
    const full: Request = { ...request, id };
    return new Promise<Reply>((resolve, reject) => {
      pending.set(id, { resolve, reject, worker: target });
      if (target) target.postMessage(full);
      else {
        queue.push(full);
        pump();
      }
    });
  };
  const checkHere = async (files: FileRef[]): Promise<FileReport[]> => {
    if (!fallback) {
      fallback = new FileChecker(job);
      fallback.setSources(sourcesForFallback);
      fallback.setRemote(remoteForFallback);
    }
    const reports: FileReport[] = [];
    for (const file of files) reports.push(await fallback.check(file));
    return reports;
  };
  return {
    size: count,
    async sources(files) {
      const parts: Array<Promise<Array<string | null>>> = [];
      for (let i = 0; i < files.length; i += BATCH * 4) {
        const part = files.slice(i, i + BATCH * 4);
        parts.push(send({ kind: 'sources', files: part }).then((reply) => reply.sources ?? [], () => FileChecker.sources(part)));
      }
      return (await Promise.all(parts)).flat();
    },
    async setSources(sources) {
      sourcesForFallback = sources;
      // Every worker needs the whole index: all are idle now; tell each one.
      await Promise.all(
        [...live].map((worker) => {
          const at = idle.indexOf(worker);
          if (at !== -1) idle.splice(at, 1);
          return send({ kind: 'setSources', sources }, worker).catch(() => undefined);
        }),
      );
    },
    async remoteRequests(files) {
      const parts: Array<Promise<RemoteImageRequest[]>> = [];
      for (let i = 0; i < files.length; i += BATCH) {
        const part = files.slice(i, i + BATCH);
        parts.push(send({ kind: 'remoteRequests', files: part }).then((reply) => reply.requests ?? []));
      }
      return (await Promise.all(parts)).flat();
    },
    async setRemote(results) {
      remoteForFallback = results;
      await Promise.all(
        [...live].map((worker) => {
          const at = idle.indexOf(worker);
          if (at !== -1) idle.splice(at, 1);
          return send({ kind: 'setRemote', results }, worker).catch(() => undefined);
        }),
      );
    },
    check: (files) => send({ kind: 'check', files }).then((reply) => reply.reports ?? [], () => checkHere(files)),
    close: async () => {
      await Promise.all([...live].map((worker) => worker.terminate()));
    },
  };
}

/**
 * Only sources that two or more posts share can make a duplicate: the threads get those, not the whole index (which
 * for 64,000 posts would be copied into every thread). The URLs come normalized and aligned with `files`.
 */
function sharedSources(files: string[], urls: Array<string | null>): SourceList {
  const count = new Map<string, number>();
  for (const url of urls) if (url) count.set(url, (count.get(url) ?? 0) + 1);
  const shared: SourceList = [];
  urls.forEach((url, i) => {
    if (url && (count.get(url) ?? 0) > 1) shared.push([files[i], url]);
  });
  return shared;
}

/** The shared sources of the checked posts and the other posts of their sites (the lists are dropped after). */
async function indexSources(pool: Pool, files: string[], configPath: string | undefined): Promise<SourceList> {
  const absolute = files.map((file) => path.resolve(file).replace(/\\/g, '/'));
  // Every checked Markdown or HTML file counts for duplicates (the walk already kept only posts among them).
  const indexed = absolute.filter((file) => POST_EXTENSIONS.some((ext) => file.toLowerCase().endsWith(ext)));
  for (const other of await otherPosts(absolute, configPath)) indexed.push(other);
  return sharedSources(indexed, await pool.sources(indexed));
}

/** The posts of the sites being checked that are not themselves checked: their sources count for duplicates. */
async function otherPosts(files: string[], configPath: string | undefined): Promise<string[]> {
  const workspace = new SyncFsWorkspace();
  const roots = new Set<string>();
  if (configPath) roots.add(path.dirname(path.resolve(configPath)).replace(/\\/g, '/'));
  else {
    const byDir = new Map<string, string | undefined>();
    for (const file of files) {
      const dir = path.dirname(file);
      if (!byDir.has(dir)) byDir.set(dir, await findSiteRoot(file, workspace));
      const root = byDir.get(dir);
      if (root) roots.add(root);
    }
  }
  const checked = new Set(files);
  const out: string[] = [];
  for (const root of roots) for (const post of await listSiteFiles(workspace, root, POST_KINDS, root)) if (!checked.has(post)) out.push(post);
  return out;
}

async function check(options: CheckOptions): Promise<number> {
  const { files, missing } = await expandPaths(options.paths);
  for (const pattern of missing) process.stderr.write(`newsdesk: no such file, folder or matching post: ${pattern}\n`);
  if (files.length === 0) {
    process.stderr.write('newsdesk: nothing to check.\n');
    return 2;
  }
  // One list of names for the whole run; the absolute paths are made per batch (an archive has 64,000 of them).
  const entries = files;
  const refOf = (file: string): FileRef => ({ absolute: path.resolve(file).replace(/\\/g, '/'), display: file.replace(/\\/g, '/') });
  const job: CheckJob = { fix: options.fix, config: options.config, nowMs: Date.now() };
  const threads = Math.max(1, Math.min(options.workers ?? (entries.length >= PARALLEL_THRESHOLD ? availableParallelism() : 1), Math.ceil(entries.length / BATCH)));
  // Large runs check in worker threads even with one thread, where the heap can be kept small (see workerPool).
  const pool = threads > 1 || entries.length >= PARALLEL_THRESHOLD ? workerPool(job, threads) : localPool(job);
  const showProgress = process.stderr.isTTY === true && entries.length >= 50;
  const totals = emptyTotals();
  const write = (chunk: string) => process.stdout.write(chunk);
  const writer: ReportWriter =
    options.format === 'json' ? jsonWriter(write) : options.format === 'sarif' ? sarifWriter(write, VERSION) : stylishWriter(write, process.stdout.isTTY === true, totals);
  try {
    await pool.setSources(await indexSources(pool, entries, options.config));
    if (options.checkRemote) {
      // Loaded only here: the HTTP stack is start-up time that a run without --check-remote does not need.
      const { fetchRemoteImages } = await import('./cli/remote.js');
      const remote = await fetchRemoteImages(await pool.remoteRequests(entries.map((file) => refOf(file).absolute)), {
        cacheDir: options.cacheDir,
        version: VERSION,
        allowPrivateAddresses: options.remoteAllowPrivate,
        limit: options.remoteLimit,
      });
      process.stderr.write(`newsdesk: ${remote.summary}\n`);
      await pool.setRemote(remote.results);
    }
    // Batches run ahead by at most two per thread; reports are written in input order as soon as they can be.
    const batchCount = Math.ceil(entries.length / BATCH);
    const inFlight: Array<Promise<FileReport[]>> = [];
    let started = 0;
    const startNext = () => {
      if (started >= batchCount) return;
      const files = entries.slice(started * BATCH, (started + 1) * BATCH).map(refOf);
      started++;
      const batch = pool.check(files);
      // Awaited in order below; until then a failure must not count as unhandled.
      batch.catch(() => undefined);
      inFlight.push(batch);
    };
    while (started < Math.min(batchCount, pool.size * 2)) startNext();
    while (inFlight.length) {
      const reports = await (inFlight.shift() as Promise<FileReport[]>);
      startNext();
      for (const report of reports) {
        addToTotals(totals, report);
        writer.file(report);
      }
      if (showProgress) process.stderr.write(`\rChecked ${totals.files}/${entries.length} files`);
    }
  } catch (error) {
    if (showProgress) process.stderr.write('\n');
    const reason = `internal failure after ${totals.files} of ${entries.length} files: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`newsdesk: ${reason}\n`);
    writer.end(reason);
    await pool.close();
    return 2;
  }
  if (showProgress) process.stderr.write('\n');
  writer.end();
  await pool.close();
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  if (missing.length) return 2;
  return totals.counts.error > 0 ? 1 : 0;
}

/**
 * `newsdesk render [--layout] POST`: the article's HTML on stdout (with --layout, the page's body, or the whole page
 * with --raw); the layouts, stylesheets and notes on stderr; a Liquid error on stderr (exit 1), the HTML still printed.
 */
async function render(options: RenderCommandOptions): Promise<number> {
  const workspace = new FsWorkspace();
  const file = path.resolve(options.post).replace(/\\/g, '/');
  const read = await workspace.read(file);
  if (!read.ok) {
    process.stderr.write(`newsdesk: cannot read ${options.post}: ${read.reason === 'missing' ? 'no such file' : read.reason}${read.detail ? ` (${read.detail})` : ''}\n`);
    return 2;
  }
  const siteRoot = options.config !== undefined ? path.dirname(path.resolve(options.config)).replace(/\\/g, '/') : undefined;
  const service = createLanguageService({ workspace, siteRoot, cacheDocuments: false });
  const result = await service.renderDocument({ path: file, text: read.text }, { sanitize: !options.raw, layout: options.layout });
  process.stdout.write(result.html.endsWith('\n') ? result.html : result.html + '\n');
  const layout = result.layout;
  if (layout) {
    const tell = (line: string) => process.stderr.write(`newsdesk: ${options.post}: ${line}\n`);
    if (layout.chain.length) tell(`layouts: ${layout.chain.map((file) => path.relative(process.cwd(), file) || file).join(' < ')}`);
    for (const sheet of layout.stylesheets) tell(`stylesheet: ${path.relative(process.cwd(), sheet) || sheet}`);
    if (layout.styles.length) tell(`inline styles: ${layout.styles.length}`);
    for (const note of layout.notes) tell(note);
  }
  if (result.liquidError === undefined && layout?.liquidError === undefined) return 0;
  if (result.liquidError !== undefined) process.stderr.write(`newsdesk: ${options.post}: Liquid error: ${result.liquidError}\n`);
  return 1;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const parsed = parseArgs(argv);
    if (parsed.command === 'help') {
      process.stdout.write(USAGE + '\n');
      return argv.length === 0 ? 2 : 0;
    }
    if (parsed.command === 'version') {
      process.stdout.write(VERSION + '\n');
      return 0;
    }
    if (parsed.command === 'render') return await render(parsed.options);
    if (parsed.command === 'new') return await newPostCommand(parsed.options);
    return parsed.command === 'check' ? await check(parsed.options) : 2;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`newsdesk: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`newsdesk: internal failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

function serveWorker(port: NonNullable<typeof parentPort>): void {
  const checker = new FileChecker(workerData as CheckJob);
  port.on('message', (request: Request) => {
    const answer = async (): Promise<Reply> => {
      if (request.kind === 'sources') return { id: request.id, sources: FileChecker.sources(request.files) };
      if (request.kind === 'remoteRequests') {
        const requests: RemoteImageRequest[] = [];
        for (const file of request.files) requests.push(...(await checker.remoteRequests(file)));
        return { id: request.id, requests };
      }
      if (request.kind === 'setRemote') {
        checker.setRemote(request.results);
        return { id: request.id };
      }
      if (request.kind === 'setSources') {
        checker.setSources(request.sources);
        return { id: request.id };
      }
      const reports: FileReport[] = [];
      for (const file of request.files) reports.push(await checker.check(file));
      return { id: request.id, reports };
    };
    answer().then(
      (reply) => port.postMessage(reply),
      (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}

/** Runs the command line of this process (called by dist/cli.js, which loads this bundle with a code cache). */
export function run(): void {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

if (!isMainThread && parentPort) serveWorker(parentPort);
else if (require.main === module) run();
