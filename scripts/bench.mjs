// `npm run bench`: the CLI's posts per second over ../shared/corpus beside a parse-only floor (yaml + htmlparser2
// over the same files, same run), the language server's change-to-diagnostics time on the reference post and on
// the largest corpus post, and (scripts/bench-archive.mjs) wall time and peak memory of `newsdesk check` over a
// generated archive beside rumdl; then (issue #7) `newsdesk check` over the corpus beside rumdl on the same files,
// every body rule on, (scripts/bench-keystroke.mjs) the keystroke-to-diagnostics compute on the reference post
// and the largest corpus post beside the parse floor, and (scripts/bench-render.mjs, issue #8) the preview's render,
// render + sanitise and `newsdesk/render` answer over the server on the reference post, a ~10 KB post and the
// largest. Figures are ratios against references measured in the same run or goals said met or not, never limits.
//
//   NEWSDESK_BENCH_ARCHIVE=N          archive size in posts (default 64000; 0 skips the archive part)
//   NEWSDESK_BENCH_ARCHIVE_ROUNDS=N   runs of each archive command, median reported (default 1)
//   node scripts/bench.mjs --archive-only     only the archive part (after `npm run build`)
//   node scripts/bench.mjs --keystroke-only   only the keystroke-to-diagnostics part (after `tsc -b`)
//   node scripts/bench.mjs --rumdl-only       only `newsdesk check` over the corpus beside rumdl (after both)
//   node scripts/bench.mjs --render-only      only the preview's render (after `tsc -b`; the server part after both)
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { archiveBench, measure, rumdlBinary } from './bench-archive.mjs';
import { keystrokeBench } from './bench-keystroke.mjs';
import { renderBench } from './bench-render.mjs';

const require = createRequire(import.meta.url);


const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repo, '../shared/corpus');
if (!existsSync(corpus)) {
  console.error(`bench: ${corpus} is missing; the benchmark reads the shared corpus beside this checkout.`);
  process.exit(2);
}
const postsDir = path.join(corpus, '_posts');
const seedDir = path.join(corpus, 'seed');
const files = [...readdirSync(postsDir).map((n) => path.join(postsDir, n)), ...readdirSync(seedDir).map((n) => path.join(seedDir, n))];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

// 1. Parse-only floor, in a child process so that it pays the same Node start-up as the CLI.
const floorScript = `
const fs = require('fs'); const YAML = require('yaml'); const h = require('htmlparser2');
for (const f of JSON.parse(process.argv[1])) {
  const text = fs.readFileSync(f, 'utf8');
  const m = /^---\\s*\\n([\\s\\S]*?)^(?:---|\\.\\.\\.)\\s*$/m.exec(text);
  YAML.parseDocument(m ? m[1] : '', { version: '1.1' });
  h.parseDocument(m ? text.slice(m.index + m[0].length) : text);
}`;
function timeRun(command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: repo, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, TZ: 'UTC' } });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args[0]} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}
/**
 * `newsdesk check` over the corpus beside rumdl on the same files in the same run (issue #7), with every body rule
 * on: checked here against the corpus's `_config.yml`, not assumed. Rounds alternate between the two; medians.
 */
async function corpusVsRumdl(rounds = 5) {
  const { RULES } = require(path.join(repo, 'out/server/src/core/rules/index.js'));
  const { effectiveSeverity } = require(path.join(repo, 'out/server/src/core/lint.js'));
  const { loadSite } = require(path.join(repo, 'out/server/src/core/site.js'));
  const { SyncFsWorkspace } = require(path.join(repo, 'out/server/src/node/fsWorkspace.js'));
  const site = await loadSite(corpus, new SyncFsWorkspace(), { has: (id) => RULES.some((r) => r.id === id), ids: () => RULES.map((r) => r.id) });
  const bodyRules = RULES.filter((r) => /^(body|image)\//.test(r.id));
  const off = bodyRules.filter((r) => effectiveSeverity(r, { site }) === 'off').map((r) => r.id);
  if (off.length > 0) throw new Error(`bench: body rules off for the corpus: ${off.join(', ')}`);
  const seedFile = path.join(seedDir, readdirSync(seedDir)[0]);
  const outFile = path.join(mkdtempSync(path.join(tmpdir(), 'newsdesk-bench-')), 'stdout');
  const env = { ...process.env, TZ: 'UTC' };
  const rumdl = rumdlBinary();
  const runs = [{ label: 'newsdesk check --format json', command: process.execPath, args: ['dist/cli.js', 'check', '--format', 'json', postsDir, seedFile] }];
  if (rumdl) {
    // The same options as the archive part (scripts/bench-archive.mjs says why MD033 is off).
    runs.push({
      label: `rumdl ${rumdl.version} check`,
      command: rumdl.bin,
      args: ['check', '--no-config', '--no-cache', '--respect-gitignore=false', '--flavor', 'kramdown', '--disable', 'MD033', '--fail-on', 'never', '--output-format', 'json', postsDir, seedFile],
      rumdl: true,
    });
  }
  const results = new Map(runs.map((run) => [run, []]));
  try {
    for (let round = 0; round < rounds; round++) for (const run of runs) results.get(run).push(await measure(run.command, run.args, { cwd: repo, env, outFile }));
  } finally {
    rmSync(path.dirname(outFile), { recursive: true, force: true });
  }
  const summary = runs.map((run) => {
    const rs = results.get(run);
    return { ...run, ms: median(rs.map((r) => r.ms)), cpuMs: median(rs.map((r) => r.cpuMs ?? NaN)), peakKiB: median(rs.map((r) => r.peakKiB)), method: rs[0].method };
  });
  const reference = summary.find((r) => r.rumdl);
  console.log(`Corpus against rumdl: ${files.length} files (the same for both), ${bodyRules.length} body rules all on; median of ${rounds} alternating rounds; peak RSS by ${summary[0].method}`);
  const rows = [['run', 'wall ms', 'cpu ms', 'peak RSS MB', 'wall ×rumdl', 'cpu ×rumdl', 'RSS ×rumdl']];
  for (const r of summary) {
    const ratio = (a, b) => (reference && !r.rumdl ? (a / b).toFixed(2) : '');
    rows.push([r.label, r.ms.toFixed(0), Number.isNaN(r.cpuMs) ? 'n/a' : r.cpuMs.toFixed(0), (r.peakKiB / 1024).toFixed(0), ratio(r.ms, reference?.ms), ratio(r.cpuMs, reference?.cpuMs), ratio(r.peakKiB, reference?.peakKiB)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) console.log('  ' + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (!reference) console.log('  rumdl: not installed (@rumdl/cli-linux-x64 is for Linux x64 only); no ratios.');
  else console.log(`  goal (issue #7): as fast as rumdl, wall ×rumdl ≤ 1: ${summary[0].ms <= reference.ms ? 'met' : 'NOT met'} in this run (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`);
}

/** Corpus throughput, the large set and server latency: the original benchmark. */
async function corpusBench() {
  const ROUNDS = 5;
  const floorMs = [];
  const cliMs = [];
  const cliOneMs = [];
  for (let i = 0; i < ROUNDS; i++) {
    floorMs.push(timeRun(process.execPath, ['-e', floorScript, JSON.stringify(files)]));
    cliMs.push(timeRun(process.execPath, ['dist/cli.js', 'check', '--format', 'json', postsDir, seedDir + '/' + readdirSync(seedDir)[0]]));
    cliOneMs.push(timeRun(process.execPath, ['dist/cli.js', 'check', '--format', 'json', '--workers', '1', postsDir, seedDir + '/' + readdirSync(seedDir)[0]]));
  }
  const perSecond = (ms) => (files.length / ms) * 1000;
  const floor = perSecond(median(floorMs));
  const cli = perSecond(median(cliMs));
  const cliOne = perSecond(median(cliOneMs));

  // 1b. A large set (the corpus copied 18 times into a temporary site): one thread against one per core.
  const large = mkdtempSync(path.join(tmpdir(), 'newsdesk-bench-'));
  mkdirSync(path.join(large, '_posts'));
  copyFileSync(path.join(corpus, '_config.yml'), path.join(large, '_config.yml'));
  for (let copy = 0; copy < 18; copy++) {
    for (const file of readdirSync(postsDir)) copyFileSync(path.join(postsDir, file), path.join(large, '_posts', file.replace(/\.md$/, `-${copy}.md`)));
  }
  const largeCount = readdirSync(path.join(large, '_posts')).length;
  const largeOne = [];
  const largeAll = [];
  for (let i = 0; i < 3; i++) {
    largeOne.push(timeRun(process.execPath, ['dist/cli.js', 'check', '--format', 'json', '--workers', '1', path.join(large, '_posts')]));
    largeAll.push(timeRun(process.execPath, ['dist/cli.js', 'check', '--format', 'json', '--workers', String(availableParallelism()), path.join(large, '_posts')]));
  }
  rmSync(large, { recursive: true, force: true });

  // 2. Change-to-diagnostics latency of the server over stdio.
  async function latency(file, rounds = 60) {
    const child = spawn(process.execPath, [path.join(repo, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const waiting = new Map();
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const resolve = waiting.get(params.version);
      if (resolve) resolve();
    });
    connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(corpus).href, capabilities: { workspace: { configuration: true } } });
    await connection.sendNotification('initialized', {});
    // The seed post is read as if it were in _posts, as an author would edit it.
    const uri = pathToFileURL(path.join(postsDir, path.basename(file))).href;
    const text = readFileSync(file, 'utf8');
    const opened = new Promise((resolve) => waiting.set(1, resolve));
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await opened;
    const titleLine = text.split('\n').findIndex((l) => l.startsWith('title:'));
    const times = [];
    for (let version = 2; version < rounds + 2; version++) {
      const done = new Promise((resolve) => waiting.set(version, resolve));
      const start = process.hrtime.bigint();
      const change = version % 2 === 0 ? { range: { start: { line: titleLine, character: 8 }, end: { line: titleLine, character: 8 } }, text: 'x' } : { range: { start: { line: titleLine, character: 8 }, end: { line: titleLine, character: 9 } }, text: '' };
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      await done;
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    connection.dispose();
    child.kill();
    return times;
  }
  const seed = path.join(seedDir, readdirSync(seedDir)[0]);
  const largest = readdirSync(postsDir).map((n) => path.join(postsDir, n)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
  const seedTimes = await latency(seed);
  const largeTimes = await latency(largest);
  const DEBOUNCE = 120;

  const fmt = (n) => n.toFixed(1);
  console.log(`Corpus: ${files.length} posts (median of ${ROUNDS} runs, each a fresh process)`);
  console.log(`  parse-only floor (yaml + htmlparser2): ${fmt(floor)} posts/s`);
  console.log(`  newsdesk check (default):              ${fmt(cli)} posts/s  = ${fmt(cli / floor * 100)}% of the floor`);
  console.log(`  newsdesk check (--workers 1):          ${fmt(cliOne)} posts/s  = ${fmt(cliOne / floor * 100)}% of the floor`);
  console.log(`Large set: ${largeCount} posts (median of 3 runs)`);
  console.log(`  --workers 1: ${fmt((largeCount / median(largeOne)) * 1000)} posts/s; --workers ${availableParallelism()}: ${fmt((largeCount / median(largeAll)) * 1000)} posts/s (speed-up ${fmt(median(largeOne) / median(largeAll))}x)`);
  console.log(`Server change-to-diagnostics (includes the ${DEBOUNCE} ms debounce):`);
  console.log(`  reference post (${statSync(seed).size} bytes): p50 ${fmt(percentile(seedTimes, 50))} ms, p99 ${fmt(percentile(seedTimes, 99))} ms; work after debounce p50 ${fmt(percentile(seedTimes, 50) - DEBOUNCE)} ms`);
  console.log(`  largest post (${statSync(largest).size} bytes):  p50 ${fmt(percentile(largeTimes, 50))} ms, p99 ${fmt(percentile(largeTimes, 99))} ms; work after debounce p50 ${fmt(percentile(largeTimes, 50) - DEBOUNCE)} ms`);
}

const OPTIONS = ['--archive-only', '--keystroke-only', '--rumdl-only', '--render-only'];
const archiveOnly = process.argv.includes('--archive-only');
const keystrokeOnly = process.argv.includes('--keystroke-only');
const rumdlOnly = process.argv.includes('--rumdl-only');
const renderOnly = process.argv.includes('--render-only');
const unknown = process.argv.slice(2).filter((a) => !OPTIONS.includes(a));
if (unknown.length || [archiveOnly, keystrokeOnly, rumdlOnly, renderOnly].filter(Boolean).length > 1) {
  console.error(`bench: ${unknown.length ? `unknown argument ${unknown[0]}` : 'one part at a time'} (the options are ${OPTIONS.join(', ')})`);
  process.exit(2);
}
const archiveSetting = process.env.NEWSDESK_BENCH_ARCHIVE ?? '64000';
const roundsSetting = process.env.NEWSDESK_BENCH_ARCHIVE_ROUNDS ?? '1';
if (!/^\d+$/.test(archiveSetting) || !/^[1-9]\d*$/.test(roundsSetting)) {
  console.error('bench: NEWSDESK_BENCH_ARCHIVE must be a number of posts (0 skips the archive) and NEWSDESK_BENCH_ARCHIVE_ROUNDS a positive number.');
  process.exit(2);
}
if (!existsSync(path.join(repo, 'out', 'server', 'src', 'core', 'index.js'))) {
  console.error('bench: out/ is missing; run `npx tsc -b` first.');
  process.exit(2);
}
if (keystrokeOnly) {
  await keystrokeBench({ repo, corpus });
  process.exit(0);
}
if (renderOnly) {
  await renderBench({ repo, corpus });
  process.exit(0);
}
if (!existsSync(path.join(repo, 'dist', 'cli.js'))) {
  console.error('bench: dist/cli.js is missing; run `npm run build` first.');
  process.exit(2);
}
if (rumdlOnly) {
  await corpusVsRumdl();
  process.exit(0);
}
if (!archiveOnly) {
  await corpusBench();
  await corpusVsRumdl();
  await keystrokeBench({ repo, corpus });
  await renderBench({ repo, corpus });
}
if (Number(archiveSetting) > 0) await archiveBench({ repo, corpus, size: Number(archiveSetting), rounds: Number(roundsSetting) });
else if (archiveOnly) console.error('bench: NEWSDESK_BENCH_ARCHIVE=0 with --archive-only: nothing to do.');
