/** `newsdesk`: the command-line checker. Same core, same rules, same fixes as the editor. */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { findSiteRoot } from './core/site';
import { sourceOf } from './core/sourceIndex';
import { parseArgs, USAGE, UsageError, type CheckOptions } from './cli/args';
import { runCheckJob, type CheckJob, type FileReport } from './cli/check';
import { expandPaths } from './cli/files';
import { formatJson, formatSarif, formatStylish } from './cli/format';
import { SyncFsWorkspace, findPostFiles } from './node/fsWorkspace';

declare const NEWSDESK_VERSION: string | undefined;
const VERSION = typeof NEWSDESK_VERSION === 'string' ? NEWSDESK_VERSION : '0.0.0-dev';
/** Below this many files, one thread is faster than starting workers. */
const PARALLEL_THRESHOLD = 150;

async function buildSources(files: string[], configPath: string | undefined): Promise<Array<[string, string]>> {
  const workspace = new SyncFsWorkspace();
  const roots = new Set<string>();
  if (configPath) roots.add(path.dirname(path.resolve(configPath)).replace(/\\/g, '/'));
  else for (const file of files) {
    const root = await findSiteRoot(file, workspace);
    if (root) roots.add(root);
  }
  const all = new Set(files);
  for (const root of roots) for (const post of await findPostFiles(root)) all.add(post);
  const sources: Array<[string, string]> = [];
  for (const file of all) {
    const text = await workspace.readFile(file);
    const url = text === undefined ? undefined : sourceOf(text);
    if (url) sources.push([file, url]);
  }
  return sources;
}

function runInWorker(job: CheckJob, onFileDone: () => void): Promise<FileReport[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: job });
    worker.on('message', (message: { done?: true; reports?: FileReport[] }) => {
      if (message.done) onFileDone();
      if (message.reports) resolve(message.reports);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`a worker thread stopped with code ${code}`)));
  });
}

async function check(options: CheckOptions): Promise<number> {
  const { files, missing } = await expandPaths(options.paths);
  for (const pattern of missing) process.stderr.write(`newsdesk: no such file, folder or matching post: ${pattern}\n`);
  if (files.length === 0) {
    process.stderr.write('newsdesk: nothing to check.\n');
    return 2;
  }
  const entries = files.map((file) => ({ absolute: path.resolve(file).replace(/\\/g, '/'), display: file.replace(/\\/g, '/') }));
  const sources = await buildSources(entries.map((e) => e.absolute), options.config);
  const base = { sources, fix: options.fix, config: options.config, nowMs: Date.now() };
  const showProgress = process.stderr.isTTY === true && entries.length >= 50;
  let done = 0;
  const tick = () => {
    done++;
    if (showProgress && (done % 10 === 0 || done === entries.length)) process.stderr.write(`\rChecked ${done}/${entries.length} files`);
  };
  const threads = Math.min(options.workers ?? availableParallelism(), Math.ceil(entries.length / 50));
  let reports: FileReport[];
  if (threads > 1 && entries.length >= PARALLEL_THRESHOLD) {
    // Contiguous chunks keep the output in input order, identical to a single thread.
    const size = Math.ceil(entries.length / threads);
    const chunks = Array.from({ length: threads }, (_, i) => entries.slice(i * size, (i + 1) * size)).filter((c) => c.length);
    reports = (await Promise.all(chunks.map((chunk) => runInWorker({ ...base, files: chunk }, tick)))).flat();
  } else {
    reports = await runCheckJob({ ...base, files: entries }, tick);
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
  void runCheckJob(workerData as CheckJob, () => port.postMessage({ done: true })).then((reports) => port.postMessage({ reports }));
} else if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

