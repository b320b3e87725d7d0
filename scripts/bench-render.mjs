// `node scripts/bench-render.mjs` (after `tsc -b`): the render alone (Liquid, then Markdown, no sanitising) of the
// reference post (../shared/corpus/seed) and of the largest corpus post, and the sanitising step on its own;
// p50/p95 over repeated runs after a warm-up. The goal for the reference post is at most 10 ms (issue 8); this
// reports, it never fails on a figure.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repo, '../shared/corpus');
const { createLanguageService } = await import(path.join(repo, 'out/server/src/core/service.js'));
const { FsWorkspace } = await import(path.join(repo, 'out/server/src/node/fsWorkspace.js'));

const service = createLanguageService({ workspace: new FsWorkspace(), cacheDocuments: false });
const seed = path.join(corpus, 'seed', readdirSync(path.join(corpus, 'seed'))[0]);
const posts = readdirSync(path.join(corpus, '_posts')).map((name) => path.join(corpus, '_posts', name));
const largest = posts.reduce((a, b) => (statSync(a).size >= statSync(b).size ? a : b));

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
async function time(label, runs, fn) {
  for (let i = 0; i < 20; i++) await fn(i);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(52)} p50 ${percentile(samples, 50).toFixed(2)} ms   p95 ${percentile(samples, 95).toFixed(2)} ms   (${runs} runs)`);
}

for (const [name, file] of [['reference post', seed], ['largest corpus post', largest]]) {
  const text = readFileSync(file, 'utf8');
  const kb = (Buffer.byteLength(text) / 1024).toFixed(0);
  // The site is read once (as in the editor); each run parses the post again, as a keystroke does.
  await service.renderDocument({ path: file, text }, { sanitize: false });
  await time(`render, ${name} (${kb} KB)`, name === 'reference post' ? 300 : 60, (i) => service.renderDocument({ path: file, text, version: i }, { sanitize: false }));
  await time(`render + sanitise, ${name} (${kb} KB)`, name === 'reference post' ? 300 : 60, (i) => service.renderDocument({ path: file, text, version: i }, { sanitize: true }));
}
