/** The built server under hostile input: site problems at start, a bad file on disk, malformed requests. */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver/node';
import { TestClient } from './helpers/lspClient';

const POST = (from: string) => `---
layout: post
title: "Harbour"
date: 2025-03-04 09:30:00 +0800
author: Desk
from: ${from}
tags: [news]
---
Text.
`;

describe('language server: hostile workspace and requests', () => {
  let client: TestClient;
  let root: string;
  const uriOf = (rel: string) => pathToFileURL(path.join(root, rel)).href;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'newsdesk-hostile-'));
    mkdirSync(path.join(root, '_posts'));
    mkdirSync(path.join(root, '_data'));
    mkdirSync(path.join(root, '_layouts'));
    writeFileSync(path.join(root, '_layouts', 'post.html'), '{{ content }}');
    writeFileSync(path.join(root, '_config.yml'), 'title: Site\nsass:\n  style: :expanded\n');
    writeFileSync(path.join(root, '_data', 'broken.yml'), 'a: [1, 2\n');
    // Files that must not stop the index: a pipe, a link to a device, a dangling link, before the good post.
    execFileSync('mkfifo', [path.join(root, '_posts', '2025-01-01-pipe.md')]);
    symlinkSync('/dev/zero', path.join(root, '_posts', '2025-01-02-zero.md'));
    symlinkSync(path.join(root, 'nowhere.md'), path.join(root, '_posts', '2025-01-03-dangling.md'));
    writeFileSync(path.join(root, '_posts', '2025-01-04-older.md'), POST('https://example.com/on-disk'));
    client = new TestClient();
    await client.initialize(pathToFileURL(root).href);
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('shows the problems of _config.yml and _data at start, without opening them', async () => {
    const config = await client.diagnostics(uriOf('_config.yml'), (d) => d.length > 0);
    assert.deepEqual(config.map((d) => d.code), ['config/ruby-object']);
    assert.deepEqual(config[0].range.start, { line: 2, character: 9 });
    const data = await client.diagnostics(uriOf('_data/broken.yml'), (d) => d.length > 0);
    assert.deepEqual(data.map((d) => d.code), ['data/yaml-syntax']);
  });

  it('indexes past a pipe, a device link and a dangling link: duplicates are still found', async () => {
    const uri = uriOf('_posts/2025-03-04-twin.md');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: POST('https://example.com/on-disk') } });
    await client.diagnostics(uri, (d) => d.some((x) => x.code === 'from/duplicate'));
    const ready = client.indexStatus.find((s) => s.state === 'ready');
    assert.ok(ready, 'the server says when the index is ready');
    assert.equal(ready.files, 4);
    assert.equal(ready.failureCount, 3);
    assert.ok(!client.logs.join('').includes('Indexing the workspace'), client.logs.join(''));
  });

  it('answers malformed code action requests with an empty list, not an internal error', async () => {
    const uri = uriOf('_posts/2025-03-05-bad-requests.md');
    const text = POST('https://example.com/requests').replace('tags: [news]', 'tags: breaking news');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'tags/string'));
    const tags = diagnostics.find((d) => d.code === 'tags/string');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const requests: unknown[] = [
      { textDocument: { uri }, range, context: { diagnostics: [{ ...tags, data: { fixes: [null] } }] } },
      { textDocument: { uri }, range },
      { textDocument: { uri }, range, context: { diagnostics: [], only: 'source.fixAll.newsdesk' } },
      { textDocument: { uri }, range, context: { diagnostics: [{ ...tags, range: null }] } },
      { textDocument: {}, range, context: { diagnostics: [] } },
      { textDocument: { uri }, range, context: { diagnostics: [{ ...tags, data: { fixes: [{ title: 'x', edits: [{ range: 5, newText: 1 }] }] } }] } },
    ];
    for (const params of requests) {
      const actions = (await client.connection.sendRequest('textDocument/codeAction', params)) as CodeAction[];
      assert.ok(Array.isArray(actions), JSON.stringify(params));
    }
    // The well-formed request still gets its fix.
    const good = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [tags] } })) as CodeAction[];
    assert.deepEqual(good.map((a) => a.title), ['Convert tags to a list', 'Make it a single tag']);
  });

  it('does not offer fixes computed for an older version of the text', async () => {
    const uri = uriOf('_posts/2025-03-07-stale.md');
    const text = POST('https://example.com/stale').replace('tags: [news]', 'tags: [news, news]');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'tags/duplicate'));
    const range = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    const request = { textDocument: { uri }, range, context: { diagnostics, only: ['quickfix'] } };
    const fresh = (await client.connection.sendRequest('textDocument/codeAction', request)) as CodeAction[];
    assert.ok(fresh.some((a) => /repeated/.test(a.title)), 'offered for the version it was computed for');
    // Typing moves the text; the stored fixes would delete the wrong characters.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text.replace('tags: [', 'tags: [xy') }] });
    const stale = (await client.connection.sendRequest('textDocument/codeAction', request)) as CodeAction[];
    assert.deepEqual(stale.map((a) => a.title), []);
  });

  it('never offers a fix whose result Jekyll would read differently', async () => {
    // A bare CR ends the line for Psych: encoding the "whitespace" would glue the key to the URL.
    const uri = uriOf('_posts/2025-03-06-cr.md');
    const text = '---\ntitle: "CR"\nfrom:\r https://example.com/cr\n---\n';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    const range = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } })) as CodeAction[];
    assert.ok(diagnostics.some((d) => d.code === 'from/whitespace'), 'the problem is reported');
    assert.ok(!actions.some((a) => /whitespace/i.test(a.title)), actions.map((a) => a.title).join(', '));
  });
});

describe('language server: a long check does not hold up the others', () => {
  it('publishes a small post while a large one is still being parsed', { timeout: 120_000 }, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-large-'));
    const client = new TestClient();
    try {
      mkdirSync(path.join(root, '_posts'));
      writeFileSync(path.join(root, '_config.yml'), 'title: S\n');
      await client.initialize(pathToFileURL(root).href);
      const keys = Array.from({ length: 40_000 }, (_, i) => `key${i}: value ${i}`).join('\n');
      const large = `---\ntitle: Large\n${keys}\n---\n`;
      const largeUri = pathToFileURL(path.join(root, '_posts', '2025-03-04-large.md')).href;
      const smallUri = pathToFileURL(path.join(root, '_posts', '2025-03-04-small.md')).href;
      const arrivals: string[] = [];
      const largeDone = client.diagnostics(largeUri, () => true, 100_000).then(() => arrivals.push('large'));
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: largeUri, languageId: 'markdown', version: 1, text: large } });
      // Let the large check start before the small post is opened.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'markdown', version: 1, text: POST('https://example.com/small').replace('2025-03-04 09:30', '2025-13-04 09:30') } });
      const small = await client.diagnostics(smallUri, (d) => d.length > 0, 100_000);
      arrivals.push('small');
      assert.ok(small.some((d) => d.code === 'date/invalid'));
      await largeDone;
      assert.deepEqual(arrivals, ['small', 'large'], `${large.length} characters of front matter`);
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
