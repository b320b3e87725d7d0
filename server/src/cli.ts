/** `newsdesk`: the command-line checker. Same core, same rules, same fixes as the editor. */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { findSiteRoot } from './core/site';
import { sourceOf } from './core/sourceIndex';
import { parseArgs, USAGE, UsageError, type CheckOptions } from './cli/args';
import { Checker, type CheckJob, type FileReport, type SourceList } from './cli/check';
import { expandPaths } from './cli/files';
import { formatJson, formatSarif, formatStylish } from './cli/format';
import { SyncFsWorkspace, findPostFiles } from './node/fsWorkspace';

declare const NEWSDESK_VERSION: string | undefined;
const VERSION = typeof NEWSDESK_VERSION === 'string' ? NEWSDESK_VERSION : '0.0.0-dev';
/**
 * Below this many files one thread is as fast as two (measured on a 2-core machine: 1,806 posts 1.4 s on one
 * thread, 1.6 s on two; 5,418 posts 3.45 s and 3.07 s). `--workers N` overrides it.
 */
const PARALLEL_THRESHOLD = 3000;

/** The sources of the other posts of the sites being checked (those not in the checked list). */
async function otherSources(files: string[], configPath: string | undefined): Promise<SourceList> {
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
  const sources: SourceList = [];
  for (const root of roots) {
    for (const post of await findPostFiles(root)) {
      if (checked.has(post)) continue;
      const text = await workspace.readFile(post);
      const url = text === undefined ? undefined : sourceOf(text);
      if (url) sources.push([post, url]);
    }
  }
  return sources;
}

type WorkerMessage = { sources: SourceList } | { done: true } | { reports: FileReport[] };

/** A worker checks one chunk: it reads its files and reports their sources, then checks with the whole index. */
function startWorker(job: CheckJob, onFileDone: () => void): { sources: Promise<SourceList>; check(all: SourceList): Promise<FileReport[]> } {
  const worker = new Worker(__filename, { workerData: job });
  let resolveSources: (s: SourceList) => void = () => undefined;
  let resolveReports: (r: FileReport[]) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const sources = new Promise<SourceList>((resolve, reject) => {
    resolveSources = resolve;
    fail = reject;
  });
  const reports = new Promise<FileReport[]>((resolve, reject) => {
    resolveReports = resolve;
    const previous = fail;
    fail = (e) => (previous(e), reject(e));
  });
  worker.on('message', (message: WorkerMessage) => {
    if ('sources' in message) resolveSources(message.sources);
    else if ('done' in message) onFileDone();
    else resolveReports(message.reports);
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => code !== 0 && fail(new Error(`a worker thread stopped with code ${code}`)));
  return {
    sources,
    check: (all) => {
      worker.postMessage({ sources: all });
      return reports;
    },
  };
}

async function check(options: CheckOptions): Promise<number> {
  const { files, missing } = await expandPaths(options.paths);
  for (const pattern of missing) process.stderr.write(`newsdesk: no such file, folder or matching post: ${pattern}\n`);
  if (files.length === 0) {
    process.stderr.write('newsdesk: nothing to check.\n');
    return 2;
  }
  const entries = files.map((file) => ({ absolute: path.resolve(file).replace(/\\/g, '/'), display: file.replace(/\\/g, '/') }));
  const base = { fix: options.fix, config: options.config, nowMs: Date.now() };
  const showProgress = process.stderr.isTTY === true && entries.length >= 50;
  let done = 0;
  const tick = () => {
    done++;
    if (showProgress && (done % 10 === 0 || done === entries.length)) process.stderr.write(`\rChecked ${done}/${entries.length} files`);
  };
  const threads = Math.min(options.workers ?? (entries.length >= PARALLEL_THRESHOLD ? availableParallelism() : 1), entries.length);
  const others = otherSources(entries.map((e) => e.absolute), options.config);
  let reports: FileReport[];
  if (threads > 1) {
    // Contiguous chunks keep the output in input order, identical to a single thread.
    const size = Math.ceil(entries.length / threads);
    const chunks = Array.from({ length: threads }, (_, i) => entries.slice(i * size, (i + 1) * size)).filter((c) => c.length);
    const workers = chunks.map((chunk) => startWorker({ ...base, files: chunk }, tick));
    const all = [...(await Promise.all(workers.map((w) => w.sources))).flat(), ...(await others)];
    reports = (await Promise.all(workers.map((w) => w.check(all)))).flat();
  } else {
    const checker = new Checker({ ...base, files: entries });
    const own = checker.read();
    reports = await checker.check([...own, ...(await others)], tick);
  }
  if (showProgress) process.stderr.write('\n');
  const failures = reports.filter((r) => r.failure);
  for (const failure of failures) process.stderr.write(`newsdesk: ${failure.failure}\n`);
  const output =
    options.format === 'json' ? formatJson(reports) : options.format === 'sarif' ? formatSarif(reports, VERSION) : formatStylish(reports, process.stdout.isTTY === true);
  await new Promise<void>((resolve) => process.stdout.write(output + '\n', () => resolve()));
  if (failures.length || missing.length) return 2;
  return reports.some((r) => r.problems.some((p) => p.severity === 'error')) ? 1 : 0;
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
    return parsed.command === 'check' ? await check(parsed.options) : 2;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`newsdesk: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`newsdesk: internal failure: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 2;
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const checker = new Checker(workerData as CheckJob);
  port.once('message', (message: { sources: SourceList }) => {
    void checker.check(message.sources, () => port.postMessage({ done: true })).then((reports) => port.postMessage({ reports }));
  });
  port.postMessage({ sources: checker.read() });
} else if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

