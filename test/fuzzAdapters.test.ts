/**
 * Seeded fuzzing through the adapters: hostile posts (the core fuzzer's generator) written to a site on disk and
 * checked by the built CLI, and opened in the built server over stdio. Every file gets its entry or its diagnostics,
 * nothing crashes or hangs, and the server still answers afterwards. A failure names the seed and the post.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli';
import { listFixtures } from './helpers/fixtures';
import { hostilePosts } from './helpers/hostile';
import { TestClient } from './helpers/lspClient';

const SEED = 20261127;
const CLI_COUNT = 400;
const SERVER_COUNT = 120;

describe('fuzzing the CLI and the server', () => {
  let site: string;
  let fixtures: string[];
  before(() => {
    fixtures = listFixtures().map((f) => readFileSync(f.file, 'utf8'));
    site = mkdtempSync(path.join(tmpdir(), 'newsdesk-fuzz-'));
    mkdirSync(path.join(site, '_posts'));
    mkdirSync(path.join(site, '_layouts'));
    writeFileSync(path.join(site, '_layouts', 'post.html'), '{{ content }}');
    writeFileSync(path.join(site, '_config.yml'), 'newsdesk:\n  tags: [news, local]\n');
  });
  after(() => rmSync(site, { recursive: true, force: true }));

  it(`checks ${CLI_COUNT} hostile posts in one run: an entry for each, no internal failure`, { timeout: 180_000 }, () => {
    const names: string[] = [];
    let i = 0;
    for (const { text } of hostilePosts(fixtures, SEED, CLI_COUNT)) {
      const name = `2025-01-${String((i % 28) + 1).padStart(2, '0')}-fuzz-${i}.md`;
      writeFileSync(path.join(site, '_posts', name), text);
      names.push(name);
      i++;
    }
    const result = runCli(['check', '--format', 'json', site]);
    assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr.slice(0, 2000)}`);
    const entries = JSON.parse(result.stdout) as Array<{ file: string; problems: Array<{ rule: string; message: string }> }>;
    assert.equal(entries.length, CLI_COUNT + 1, 'every post and the config');
    const failures = entries.filter((e) => e.problems.some((p) => p.rule === 'internal/failure'));
    assert.deepEqual(failures.map((e) => e.file), [], `seed ${SEED}`);
    // --fix on the same files: only verified fixes are written, and the run completes.
    const fixed = runCli(['check', '--fix', '--format', 'json', site]);
    assert.ok(fixed.status === 0 || fixed.status === 1, `exit ${fixed.status}: ${fixed.stderr.slice(0, 2000)}`);
    assert.equal((JSON.parse(fixed.stdout) as unknown[]).length, CLI_COUNT + 1);
  });

  it(`opens ${SERVER_COUNT} hostile posts in the server: each gets diagnostics, and it still answers`, { timeout: 180_000 }, async () => {
    const client = new TestClient();
    try {
      await client.initialize(pathToFileURL(site).href);
      let i = 0;
      for (const { name, text } of hostilePosts(fixtures, SEED + 1, SERVER_COUNT)) {
        const uri = pathToFileURL(path.join(site, '_posts', `2025-02-01-server-${i++}.md`)).href;
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
        const diagnostics = await client.diagnostics(uri, () => true, 30_000).catch((error: Error) => assert.fail(`${name}: ${error.message.slice(0, 500)}`));
        assert.ok(!diagnostics.some((d) => d.code === 'internal/failure'), `${name}: ${JSON.stringify(diagnostics.find((d) => d.code === 'internal/failure'))}`);
        const actions = await client.connection.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics, only: ['quickfix', 'source.fixAll.newsdesk'] },
        });
        assert.ok(Array.isArray(actions), name);
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
      assert.ok(!client.logs.join('').includes('Checking file:'), client.logs.join('').slice(0, 2000));
    } finally {
      await client.stop();
    }
  });
});
