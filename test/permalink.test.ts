/**
 * Post URLs, checked against the real Jekyll: test/fixtures/jekyll-permalinks.json is what Debian's Jekyll 4.3.1 gave
 * as `page.url` for each case (test/oracle/jekyll-permalinks.rb reads one tiny site per case), and postUrlOf must give
 * the same. With `jekyll` on PATH the table is regenerated here and compared with the committed one.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it, test } from 'node:test';
import { escapePath, permalinkTemplate, postUrl, urlDirectory } from '../server/src/core/jekyll/permalink';
import { parsePost } from '../server/src/core/post';
import { postUrlOf } from '../server/src/core/postUrl';
import { RULE_CATALOG } from '../server/src/core/rules';
import { loadSite } from '../server/src/core/site';
import { MemoryWorkspace } from '../server/src/core/workspace';
import { onPath } from './helpers/commands';

const ROOT = path.resolve(__dirname, '..', '..');
const TABLE = path.join(ROOT, 'test', 'fixtures', 'jekyll-permalinks.json');
const ORACLE = path.join(ROOT, 'test', 'oracle', 'jekyll-permalinks.rb');

interface Row {
  config: string;
  path: string;
  frontMatter: string;
  about: string;
  url?: string;
  error?: string;
}

const readTable = (file: string): { jekyll: string; rows: Row[] } => JSON.parse(readFileSync(file, 'utf8')) as { jekyll: string; rows: Row[] };

/** What the port makes of one oracle case, built the way the oracle built it. */
async function portUrl(row: Row): Promise<string | undefined> {
  const config = `timezone: Asia/Shanghai\n${row.config}\n`;
  const workspace = new MemoryWorkspace({ '/s/_config.yml': config });
  const site = await loadSite('/s', workspace, RULE_CATALOG);
  const post = parsePost(`---\n${row.frontMatter}\n---\nbody\n`, `/s/${row.path}`, 0, '/s');
  return postUrlOf(post, site, new Date('2026-01-01T00:00:00Z'));
}

describe('postUrlOf agrees with Jekyll on every row of the committed table', () => {
  const table = readTable(TABLE);
  it(`has enough cases (${table.rows.length})`, () => assert.ok(table.rows.length >= 30));
  for (const row of table.rows) {
    it(`${row.config.split('\n')[0] || '(default)'} ${row.path} {${row.frontMatter}}: ${row.url ?? row.error}`, async () => {
      assert.equal(row.error, undefined, `the oracle failed on this case: ${row.error}`);
      assert.equal(await portUrl(row), row.url, row.about);
    });
  }
});

describe('permalink pieces', () => {
  it('styles and templates', () => {
    assert.equal(permalinkTemplate(undefined), '/:categories/:year/:month/:day/:title:output_ext');
    assert.equal(permalinkTemplate('pretty'), '/:categories/:year/:month/:day/:title/');
    assert.equal(permalinkTemplate('/:year-:month-:day/:title'), '/:year-:month-:day/:title');
    assert.equal(permalinkTemplate('constructor'), 'constructor');
  });
  it('a placeholder Jekyll does not know leaves the URL unknown (Jekyll stops with NoMethodError)', () => {
    const input = { template: '/:yearly/:title', date: { year: 2024, month: 1, day: 15, hour: 0, minute: 0, second: 0 }, fileSlug: 'x', basename: '2024-01-15-x', relativePathWithoutExt: '_posts/2024-01-15-x', categories: [], outputExt: '.html' };
    assert.equal(postUrl(input), undefined);
    assert.equal(postUrl({ ...input, template: '/:year/:title' }), '/2024/x');
    assert.equal(postUrl({ ...input, template: '/:toString/:title' }), undefined);
  });
  it('escapes as Addressable does', () => {
    assert.equal(escapePath('a b'), 'a%20b');
    assert.equal(escapePath('新'), '%E6%96%B0');
    assert.equal(escapePath("a&b-(c)"), "a&b-(c)");
    assert.equal(escapePath('100%'), '100%25');
  });
  it('the folder relative addresses resolve against', () => {
    assert.equal(urlDirectory('/2024/01/15/x.html'), '/2024/01/15/');
    assert.equal(urlDirectory('/2024/01/15/x/'), '/2024/01/15/x/');
    assert.equal(urlDirectory('/2020-08-31/a-b'), '/2020-08-31/');
  });
});


test('a freshly generated table gives the same URL for every case as the committed one', (t) => {
  if (!onPath('jekyll') || !onPath('ruby')) {
    t.skip('jekyll is not on PATH (apt-get install -y --no-install-recommends jekyll): the table was not regenerated');
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'jekyll-permalinks-'));
  try {
    const fresh = path.join(dir, 'jekyll-permalinks.json');
    const run = spawnSync('ruby', [ORACLE, fresh], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, `the oracle failed: ${run.stderr}`);
    assert.deepEqual(readTable(fresh).rows, readTable(TABLE).rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
