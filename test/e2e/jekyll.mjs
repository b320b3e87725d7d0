// The published page of one post, as Jekyll (Debian's jekyll 4.3, installed by scripts/install-deps.sh) builds
// it: the oracle for what Markdown makes of a body. VS Code reads Markdown as CommonMark (markdown-it); Jekyll
// reads it with kramdown, and the two differ where the feed stamp matters (see ../shared/JEKYLL.md).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Builds a site made of `site`'s _config.yml and _layouts and the one post `file` (the test site as a whole does
 * not build: one of its posts has a date Jekyll refuses) and returns the post's HTML.
 */
export function publishedHtml(site, file) {
  const which = spawnSync('sh', ['-c', 'command -v jekyll'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error('jekyll not found: apt-get install -y --no-install-recommends jekyll (scripts/install-deps.sh does this)');
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-e2e-jekyll-'));
  try {
    fs.copyFileSync(path.join(site, '_config.yml'), path.join(root, '_config.yml'));
    fs.cpSync(path.join(site, '_layouts'), path.join(root, '_layouts'), { recursive: true });
    fs.mkdirSync(path.join(root, '_posts'));
    fs.copyFileSync(path.join(site, file), path.join(root, '_posts', path.basename(file)));
    const build = spawnSync('jekyll', ['build', '--quiet', '--source', root, '--destination', path.join(root, '_site')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (build.status !== 0) throw new Error(`jekyll build failed (exit ${build.status}): ${build.stderr}${build.stdout}`);
    const pages = fs.readdirSync(path.join(root, '_site'), { recursive: true })
      .filter((name) => name.endsWith('.html') && name.includes(path.sep));
    if (pages.length !== 1) throw new Error(`expected one post page in Jekyll's output, found ${JSON.stringify(pages)}`);
    return fs.readFileSync(path.join(root, '_site', pages[0]), 'utf8');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
