// The archive part of `npm run bench` (issue #6): `newsdesk check --format json` over a generated archive of many
// posts (64,000 by default, like the real waimei archive), wall time and peak memory of the child process, with the
// default worker count and with `--workers 1`, beside rumdl (a Rust Markdown linter) on the same files in the same
// run. The comparison is printed as ratios, never asserted.
//
// The archive is generated in os.tmpdir() and removed at the end. Post i is corpus post (i mod 301), copy
// floor(i / 301), rewritten so that the archive reads like a real one:
//   * the file is `YYYY-MM-DD-<original slug>-<copy>.md`, about 100 posts a day from 2019-01-01 on;
//   * the front-matter `date:` is moved by the same number of days as the file name, so the two still agree
//     (otherwise date/filename-mismatch would fire on every post);
//   * the `from:` URL gets `?newsdesk-copy=<copy>` (or `&…`, before any `#`), so every post has its own source
//     (otherwise from/duplicate would fire on every post); the rest of the value, spaces and quotes, is kept.
// `_config.yml` is the corpus's, byte for byte, `style: :expanded` included: the checker only lints `_config.yml`
// when it is named on the command line, and the Symbol does not change the settings it reads (future, timezone,
// baseurl, exclude, newsdesk:), so the posts get the same problems either way. `_layouts/` is copied too, or
// layout/unknown would fire on every post.
//
// Peak memory is the child's maximum resident set size as reported by wait4() through GNU time (`/usr/bin/time -f`,
// Debian's `time` package). Without it, /proc/<pid>/status VmHWM is polled every 10 ms instead (marked "polled").
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const GNU_TIME = '/usr/bin/time';
const POSTS_PER_DAY = 100;
const FIRST_DAY = Date.UTC(2019, 0, 1);
const DAY_MS = 86_400_000;

const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/** The `from:` value with a distinct query parameter, before any fragment (fragments do not count in the index). */
export function distinctFrom(text, copy) {
  return text.replace(/^(from:[ \t]*)(["']?)(.*?)(\2[ \t]*\r?)$/m, (_, key, quote, url, end) => {
    const hash = url.indexOf('#');
    const at = hash < 0 ? url.length : hash;
    const sep = url.slice(0, at).includes('?') ? '&' : '?';
    return `${key}${quote}${url.slice(0, at)}${sep}newsdesk-copy=${copy}${url.slice(at)}${end}`;
  });
}

/** The front-matter `date:` moved by `days` whole days (its time, zone and format kept). */
export function shiftDate(text, days) {
  if (days === 0) return text;
  return text.replace(/^(date:[ \t]*["']?)(\d{4}-\d{2}-\d{2})/m, (_, key, day) => key + isoDay(dayMs(day) + days * DAY_MS));
}

/** Writes a site with `count` posts under a new temporary folder; returns its path and how long it took. */
export function generateArchive(corpus, count) {
  const start = process.hrtime.bigint();
  const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-archive-'));
  const posts = path.join(root, '_posts');
  mkdirSync(posts);
  copyFileSync(path.join(corpus, '_config.yml'), path.join(root, '_config.yml'));
  mkdirSync(path.join(root, '_layouts'));
  for (const layout of readdirSync(path.join(corpus, '_layouts'))) copyFileSync(path.join(corpus, '_layouts', layout), path.join(root, '_layouts', layout));
  const sources = readdirSync(path.join(corpus, '_posts'))
    .sort()
    .map((name) => {
      const m = /^(\d{4}-\d{2}-\d{2})-(.*)\.md$/.exec(name);
      if (!m) throw new Error(`bench: unexpected corpus file name ${name}`);
      return { day: dayMs(m[1]), slug: m[2], text: readFileSync(path.join(corpus, '_posts', name), 'utf8') };
    });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length];
    const copy = Math.floor(i / sources.length);
    const day = FIRST_DAY + Math.floor(i / POSTS_PER_DAY) * DAY_MS;
    const text = shiftDate(distinctFrom(source.text, copy), Math.round((day - source.day) / DAY_MS));
    writeFileSync(path.join(posts, `${isoDay(day)}-${source.slug}-${copy}.md`), text);
    bytes += Buffer.byteLength(text);
  }
  return { root, bytes, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Peak RSS (KiB) of a running process while it runs, from /proc: the fallback when GNU time is missing. */
function pollPeak(pid) {
  let peak = 0;
  const read = () => {
    try {
      const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]));
    } catch {
      // The process has ended.
    }
  };
  read();
  const timer = setInterval(read, 10);
  return { stop: () => (clearInterval(timer), peak) };
}

/**
 * Runs `command args` with stdout into a file (counted in bytes, then removed) and stderr kept; returns wall time,
 * peak RSS and the exit status. `accept` lists the exit codes that mean "ran to the end".
 */
export async function measure(command, args, { cwd, env, outFile, accept = [0, 1] }) {
  const useTime = existsSync(GNU_TIME);
  const timeFile = outFile + '.time';
  const out = openSync(outFile, 'w');
  const [bin, argv] = useTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...args]] : [command, args];
  const start = process.hrtime.bigint();
  const child = spawn(bin, argv, { cwd, env, stdio: ['ignore', out, 'pipe'] });
  const poll = useTime ? undefined : pollPeak(child.pid);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr.length < 100_000 ? (stderr += chunk) : undefined));
  const status = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? signal));
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  closeSync(out);
  let peakKiB = poll?.stop();
  let cpuMs;
  if (useTime) {
    // GNU time writes "Command exited with non-zero status N" before the figures when the command fails.
    const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
    const [kib, user, system] = lines[lines.length - 1].split(' ').map(Number);
    peakKiB = kib;
    cpuMs = (user + system) * 1000;
    unlinkSync(timeFile);
  }
  const bytes = statSync(outFile).size;
  if (!accept.includes(status)) throw new Error(`bench: ${command} ${args.join(' ')} exited with ${status}: ${stderr.slice(0, 2000)}`);
  return { ms, cpuMs, peakKiB, bytes, status, stderr, method: useTime ? 'GNU time' : 'polled' };
}

/**
 * The rumdl binary from the pinned devDependency, or undefined where it cannot run: npm installs the package on any
 * platform as a devDependency, but the binary is for glibc Linux on x64 only.
 */
export function rumdlBinary() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  try {
    const bin = path.join(path.dirname(require.resolve('@rumdl/cli-linux-x64/package.json')), 'rumdl');
    return existsSync(bin) ? { bin, version: require('@rumdl/cli-linux-x64/package.json').version } : undefined;
  } catch {
    return undefined;
  }
}

/** Problems per rule in `newsdesk check --format json` output, and the files each rule reports in. */
function countRules(file) {
  const counts = new Map();
  const filesWith = new Map();
  let files = 0;
  for (const report of JSON.parse(readFileSync(file, 'utf8'))) {
    files++;
    for (const problem of report.problems) counts.set(problem.rule, (counts.get(problem.rule) ?? 0) + 1);
    for (const rule of new Set(report.problems.map((problem) => problem.rule))) filesWith.set(rule, (filesWith.get(rule) ?? 0) + 1);
  }
  return { files, counts, filesWith };
}

export async function archiveBench({ repo, corpus, size, rounds = 1, log = console.log }) {
  const generated = generateArchive(corpus, size);
  const { root } = generated;
  const postsDir = path.join(root, '_posts');
  const outFile = path.join(root, 'stdout');
  const env = { ...process.env, TZ: 'UTC' };
  const cli = path.join(repo, 'dist', 'cli.js');
  const rumdl = rumdlBinary();
  const runs = [
    { label: `newsdesk check (default workers: ${size >= 3000 ? availableParallelism() : 1})` /* PARALLEL_THRESHOLD in server/src/cli.ts */, command: process.execPath, args: [cli, 'check', '--format', 'json', root], ours: true, default: true },
    { label: 'newsdesk check --workers 1', command: process.execPath, args: [cli, 'check', '--format', 'json', '--workers', '1', root], ours: true },
  ];
  if (rumdl) {
    // Built-in rules (--no-config) but MD033 (inline HTML: these post bodies are HTML by design, so it fires on every
    // tag, 23,000 warnings over the 301 corpus posts, 100 times our output), Jekyll's Markdown (kramdown), every
    // file and every warning (--fail-on never only changes the exit code), JSON like ours, no cache (it would write
    // .rumdl_cache and make a second round free), .gitignore not consulted.
    runs.push({
      label: `rumdl ${rumdl.version} check`,
      command: rumdl.bin,
      args: ['check', '--no-config', '--no-cache', '--respect-gitignore=false', '--flavor', 'kramdown', '--disable', 'MD033', '--fail-on', 'never', '--output-format', 'json', postsDir],
      rumdl: true,
    });
  }
  const results = new Map();
  const loadBefore = loadavg().map((n) => n.toFixed(1)).join(' ');
  let rules;
  let indexRun;
  try {
    for (let round = 0; round < rounds; round++) {
      for (const run of runs) {
        const r = await measure(run.command, run.args, { cwd: repo, env, outFile });
        if (run.default && round === 0) rules = countRules(outFile);
        unlinkSync(outFile);
        if (!results.has(run)) results.set(run, []);
        results.get(run).push(r);
      }
    }
    // The language server's index of the same archive (issue #9), in a process of its own for its peak RSS.
    const run = await measure(process.execPath, ['--expose-gc', path.join(repo, 'scripts', 'bench-index.mjs'), root], { cwd: repo, env, outFile, accept: [0] });
    indexRun = { ...run, ...JSON.parse(readFileSync(outFile, 'utf8')) };
    unlinkSync(outFile);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const summary = runs.map((run) => {
    const rs = results.get(run);
    return { ...run, ms: median(rs.map((r) => r.ms)), cpuMs: median(rs.map((r) => r.cpuMs ?? NaN)), peakKiB: median(rs.map((r) => r.peakKiB)), bytes: rs[0].bytes, method: rs[0].method };
  });

  const mb = (kib) => (kib / 1024).toFixed(0);
  const s = (ms) => (ms / 1000).toFixed(2);
  log(`Archive: ${size} posts, ${(generated.bytes / 1e6).toFixed(0)} MB, generated in ${s(generated.ms)} s (plain writes; removed afterwards)`);
  log(`  ${rounds > 1 ? `median of ${rounds} rounds` : 'one round'}; peak RSS of the child process by ${summary[0].method}; stdout counted in bytes`);
  log(`  load average before the runs ${loadBefore}, after ${loadavg().map((n) => n.toFixed(1)).join(' ')} on ${availableParallelism()} cores (wall time is noisy above the core count; cpu s = user + system)`);
  const rows = [['run', 'wall s', 'cpu s', 'posts/s', 'peak RSS MB', 'stdout MB', 'wall ×rumdl', 'RSS ×rumdl']];
  const reference = summary.find((r) => r.rumdl);
  for (const r of summary) {
    rows.push([
      r.label,
      s(r.ms),
      Number.isNaN(r.cpuMs) ? 'n/a' : s(r.cpuMs),
      ((size / r.ms) * 1000).toFixed(0),
      mb(r.peakKiB),
      (r.bytes / 1e6).toFixed(1),
      reference && !r.rumdl ? (r.ms / reference.ms).toFixed(2) : '',
      reference && !r.rumdl ? (r.peakKiB / reference.peakKiB).toFixed(2) : '',
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) log('  ' + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (!reference) log('  rumdl: not installed (@rumdl/cli-linux-x64 is for Linux x64 only); no ratios.');
  if (indexRun) {
    const met = indexRun.ms <= 8000 && indexRun.peakKiB <= 250 * 1024;
    log(`  language server index (issue #9): ${indexRun.files} posts scanned in ${s(indexRun.ms)} s, heap held ${indexRun.heapMB.toFixed(0)} MB, process peak RSS ${mb(indexRun.peakKiB)} MB; goal ≤ 8 s and ≤ 250 MB: ${met ? 'met' : 'NOT met'}`);
  }
  if (rules) {
    const top = [...rules.counts].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ${n}`);
    log(`  newsdesk problems in ${rules.files} files: ${top.join(', ') || 'none'} (from/duplicate: ${rules.counts.get('from/duplicate') ?? 0})`);
    // The archive is meant to read like the corpus: a rule firing on more posts than it does in the corpus means the
    // generation broke. Body rules report several problems per post, so posts are counted, not problems; the image
    // rules that fire on most corpus posts (the mirror's hotlinked, uncaptioned images) are expected to.
    const usual = new Set(['image/referrer-policy', 'image/missing-caption', 'image/missing-alt', 'image/alt-repeats-caption', 'body/empty-paragraph']);
    const broken = [...rules.filesWith].filter(([rule, n]) => n >= rules.files / 2 && !usual.has(rule)).map(([rule]) => rule);
    // The posts and the site's _config.yml (a site folder is checked as a whole).
    if (rules.files !== size + 1) log(`  WARNING: newsdesk reported ${rules.files} files, not ${size} posts and _config.yml.`);
    if (broken.length) log(`  WARNING: ${broken.join(', ')} fired on half the posts or more: the generated archive is not like the corpus.`);
  }
  if (reference) log('  ratios are ours / rumdl on the same files in the same run; rumdl: built-in rules but MD033, --flavor kramdown, --output-format json');
  return { generated, summary, rules };
}
