// The keystroke part of `npm run bench` (issue #7): the compute from a change of the text to its diagnostics, in
// process, through the built core (out/, from `tsc -b`): `checkDocument` on a new document version (one character
// inserted or removed in the body, so no cache of the previous version serves it and the body model is parsed again)
// and the problems turned into LSP diagnostics, as the server does. Remote image checks are not on this path (they
// are never on the typing path). Beside it, in the same run and on the same texts, the parse floor: the front matter
// through yaml and the body through htmlparser2, nothing else (what the corpus part calls the floor). The goals of
// issue #7 (p99 at most 10 ms on the reference post, 60 ms on the largest corpus post) are printed, not asserted.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import * as path from 'node:path';

const require = createRequire(import.meta.url);

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/** Where one character is typed: just inside the closing tag of the first paragraph past the middle of the body. */
export function typingPoint(text) {
  const close = /^---\s*\n[\s\S]*?\n---\s*\n/.exec(text);
  const bodyStart = close ? close[0].length : 0;
  const middle = bodyStart + Math.floor((text.length - bodyStart) / 2);
  const end = text.indexOf('</p>', middle);
  if (end >= 0) return end;
  // A Markdown body: the end of a line of text past the middle.
  const line = text.indexOf('\n', middle);
  return line >= 0 ? line : text.length;
}

export async function keystrokeBench({ repo, corpus, rounds = 300, warmup = 30, log = console.log }) {
  const core = require(path.join(repo, 'out/server/src/core/index.js'));
  const { FsWorkspace } = require(path.join(repo, 'out/server/src/node/fsWorkspace.js'));
  const { toDiagnostic } = require(path.join(repo, 'out/server/src/lsp/convert.js'));
  const YAML = require('yaml');
  const { parseDocument } = require('htmlparser2');
  const postsDir = path.join(corpus, '_posts');
  const seedDir = path.join(corpus, 'seed');
  const seed = path.join(seedDir, readdirSync(seedDir).sort()[0]);
  const largest = readdirSync(postsDir).map((n) => path.join(postsDir, n)).sort((a, b) => statSync(b).size - statSync(a).size)[0];

  const floorOf = (text) => {
    const m = /^---\s*\n([\s\S]*?)^(?:---|\.\.\.)\s*$/m.exec(text);
    YAML.parseDocument(m ? m[1] : '', { version: '1.1' });
    parseDocument(m ? text.slice(m.index + m[0].length) : text);
  };

  async function measurePost(file, label) {
    // The editor's service: documents cached by version, the site read once (the first check, not timed).
    const service = core.createLanguageService({ workspace: new FsWorkspace() });
    // The seed post is edited as if it were in _posts, as an author would have it.
    const docPath = path.join(postsDir, path.basename(file));
    const original = readFileSync(file, 'utf8');
    const at = typingPoint(original);
    const typed = original.slice(0, at) + 'x' + original.slice(at);
    const texts = [typed, original];
    const check = async (version) => {
      const result = await service.checkDocument({ path: docPath, text: texts[version % 2], version });
      return result.problems.map((p) => toDiagnostic(p, result.lines, version));
    };
    let version = 0;
    let diagnostics = 0;
    for (let i = 0; i < warmup; i++) diagnostics = (await check(++version)).length;
    const times = [];
    const cpu = [];
    const floor = [];
    const floorCpu = [];
    const cpuMs = (since) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    for (let i = 0; i < rounds; i++) {
      const v = ++version;
      let cpuStart = process.cpuUsage();
      let start = process.hrtime.bigint();
      await check(v);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      cpu.push(cpuMs(cpuStart));
      cpuStart = process.cpuUsage();
      start = process.hrtime.bigint();
      floorOf(texts[v % 2]);
      floor.push(Number(process.hrtime.bigint() - start) / 1e6);
      floorCpu.push(cpuMs(cpuStart));
    }
    return { label, bytes: statSync(file).size, diagnostics, times, cpu, floor, floorCpu };
  }

  const results = [await measurePost(seed, 'reference post'), await measurePost(largest, 'largest corpus post')];
  const goals = { 'reference post': 10, 'largest corpus post': 60 };
  const f = (n) => n.toFixed(2);
  log(`Keystroke to diagnostics, compute in process (checkDocument on a new version, one character typed in the body, + LSP conversion; no remote checks; ${rounds} edits after ${warmup} not timed)`);
  const rows = [['post', 'KB', 'diags', 'clock', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'floor p50', 'floor p99', 'p50 ×floor', 'goal p99', 'met']];
  for (const r of results) {
    for (const [clock, xs, floor] of [['wall', r.times, r.floor], ['cpu', r.cpu, r.floorCpu]]) {
      const p99 = percentile(xs, 99);
      rows.push([
        clock === 'wall' ? r.label : '',
        clock === 'wall' ? (r.bytes / 1024).toFixed(0) : '',
        clock === 'wall' ? String(r.diagnostics) : '',
        clock,
        f(percentile(xs, 50)),
        f(percentile(xs, 95)),
        f(p99),
        f(Math.max(...xs)),
        f(percentile(floor, 50)),
        f(percentile(floor, 99)),
        (percentile(xs, 50) / percentile(floor, 50)).toFixed(2),
        `≤ ${goals[r.label]}`,
        p99 <= goals[r.label] ? 'yes' : 'NO',
      ]);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) log('  ' + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  log(`  wall: elapsed time, which includes the time other processes hold the cores (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores);`);
  log('  cpu: the process\'s user + system time over the same call (garbage collection included, waiting for a core not)');
  log('  floor: the same texts through yaml (front matter) + htmlparser2 (body) only, timed right after each check');
  return results;
}
