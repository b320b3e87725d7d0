#!/usr/bin/env node
// Jekyll's side of the render fidelity test (test/renderFidelity.test.ts): builds the shared corpus's posts with the
// installed Jekyll in a temporary site (the corpus's _config.yml with `style: expanded` for the Symbol Jekyll 4
// refuses and without its plugins, which add feeds and pages but never touch a post's body; layouts that are only
// `{{ content }}`), and writes what a reader gets from each body as derived facts: a hash of the visible text, the
// image sources, the headings and the links. The article text itself is never written.
//
//   npx tsc -b && node test/oracle/render-corpus.mjs [--corpus DIR] [--out FILE] [--bodies FILE]
//
// --bodies keeps Jekyll's bodies in a file outside the repository, to look at differences on this machine.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { articleFacts } = await import(path.join(REPO, 'out/test/helpers/articleFacts.js'));

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
};
const corpus = path.resolve(arg('--corpus', path.join(REPO, '../shared/corpus')));
const out = path.resolve(arg('--out', path.join(REPO, 'test/fixtures/jekyll-render.json')));
const bodiesOut = arg('--bodies');

/** The corpus's config as Jekyll 4.3 can build it: no Symbol, no plugins, no destination of its own. */
export function buildableConfig(text) {
  return text
    .replace(/^(\s*style:\s*):(\w+)/m, '$1$2')
    .replace(/^plugins:\s*\n(?:[ \t]+-.*\n|[ \t]*#.*\n)*/m, '')
    .replace(/^destination:.*\n/m, '');
}

const site = mkdtempSync(path.join(tmpdir(), 'newsdesk-render-'));
try {
  writeFileSync(path.join(site, '_config.yml'), buildableConfig(readFileSync(path.join(corpus, '_config.yml'), 'utf8')));
  mkdirSync(path.join(site, '_layouts'));
  for (const layout of ['post', 'default', 'page']) writeFileSync(path.join(site, '_layouts', `${layout}.html`), '{{ content }}');
  mkdirSync(path.join(site, '_posts'));
  const sources = [path.join(corpus, '_posts'), path.join(corpus, 'seed')].filter(existsSync);
  for (const dir of sources) for (const name of readdirSync(dir)) copyFileSync(path.join(dir, name), path.join(site, '_posts', name));
  const bodiesFile = path.join(site, 'bodies.json');
  const run = spawnSync('ruby', [path.join(REPO, 'test/oracle/render-corpus.rb'), site, bodiesFile], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, timeout: 300_000 });
  if (run.status !== 0) {
    process.stderr.write(`render-corpus: Jekyll failed (${run.status}): ${run.stderr}\n`);
    process.exit(1);
  }
  const { jekyll, bodies } = JSON.parse(readFileSync(bodiesFile, 'utf8'));
  if (bodiesOut) writeFileSync(bodiesOut, JSON.stringify(bodies));
  const posts = {};
  for (const name of Object.keys(bodies).sort()) posts[name] = articleFacts(bodies[name]);
  writeFileSync(out, JSON.stringify({ jekyll, about: 'Derived from Jekyll\'s rendering of ../shared/corpus (test/oracle/render-corpus.mjs): per post, a hash of the visible text, the image sources, headings and links.', posts }, null, 1) + '\n');
  process.stdout.write(`render-corpus: ${Object.keys(posts).length} posts, Jekyll ${jekyll} -> ${path.relative(process.cwd(), out)}\n`);
} finally {
  rmSync(site, { recursive: true, force: true });
}
