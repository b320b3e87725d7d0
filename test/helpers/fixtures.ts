/**
 * Rule fixtures, markdownlint style: real posts with the expected problems marked inline.
 * A marker `{rule/id}` on a line (in a YAML comment `# {…}` or an HTML comment `<!-- {…} -->`) expects a problem of
 * that rule starting on that line; `{rule/id:+1}` / `{rule/id:-1}` point at the next / previous line.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { MemoryWorkspace } from '../../server/src/core/workspace';

export const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');
export const RULE_FIXTURES = path.join(FIXTURES, 'rules');
/** Every fixture is checked at this build time, so that "future" and "completed" dates are stable. */
export const FIXTURE_NOW = new Date('2026-01-01T00:00:00Z');
export const SITE_ROOT = '/site';

export interface Marker {
  rule: string;
  line: number;
}

export function readMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(/\{([a-z-]+\/[a-z-]+)(?::([+-]\d+))?\}/g)) {
      markers.push({ rule: match[1], line: index + Number(match[2] ?? 0) });
    }
  });
  return markers;
}

function addTree(workspace: MemoryWorkspace, dir: string, prefix: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) addTree(workspace, full, `${prefix}/${name}`);
    else workspace.set(`${prefix}/${name}`, readFileSync(full, 'utf8'));
  }
}

/**
 * The fixture site in memory, with the fixture folder's own `_config.yml`, `_layouts/` or `_data/` when it has them,
 * and its `site/` tree (other files of the site: images). `X._config.yml` beside the fixture `X.md` is that fixture's
 * own `_config.yml`.
 */
export function fixtureSite(fixtureDir: string, fixtureFile?: string): MemoryWorkspace {
  const workspace = new MemoryWorkspace();
  addTree(workspace, path.join(FIXTURES, 'site'), SITE_ROOT);
  addTree(workspace, path.join(fixtureDir, 'site'), SITE_ROOT);
  const ownConfig = fixtureFile?.replace(/\.(md|html|markdown)$/, '._config.yml');
  for (const own of [path.join(fixtureDir, '_config.yml'), ownConfig]) {
    if (own && existsSync(own)) workspace.set(`${SITE_ROOT}/_config.yml`, readFileSync(own, 'utf8'));
  }
  for (const dir of ['_layouts', '_data']) addTree(workspace, path.join(fixtureDir, dir), `${SITE_ROOT}/${dir}`);
  return workspace;
}

export interface Fixture {
  ruleId: string;
  dir: string;
  file: string;
  /** The post's file name inside the site; a fixture's own name unless it names a subfolder via `__` (a__b.md → a/b.md). */
  sitePath: string;
}

/** All fixture posts: test/fixtures/rules/<area>/<name>/*.md|html (not .fixed.* or .expected.json). */
export function listFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const area of readdirSync(RULE_FIXTURES).sort()) {
    for (const name of readdirSync(path.join(RULE_FIXTURES, area)).sort()) {
      const dir = path.join(RULE_FIXTURES, area, name);
      if (!statSync(dir).isDirectory()) continue;
      for (const file of readdirSync(dir).sort()) {
        if (!/\.(md|html|markdown)$/.test(file) || /\.fixed\./.test(file)) continue;
        const place = file.startsWith('drafts__') ? '_drafts' : file.startsWith('other__') ? 'pages' : '_posts';
        const base = file.replace(/^(drafts|other)__/, '');
        out.push({ ruleId: `${area}/${name}`, dir, file: path.join(dir, file), sitePath: `${SITE_ROOT}/${place}/${base}` });
      }
    }
  }
  return out;
}
