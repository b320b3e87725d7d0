/** The built server as a child process over stdio: open, edit, diagnostics, code actions, fix-all. */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIXTURES } from './helpers/fixtures';
import { TestClient } from './helpers/lspClient';

const POST = `---
layout: post
title: "Storm closes the harbour"
date: 2025-13-04 09:30:00 +0800
author: Harbour Desk
from: https://example.com/harbour
tags: breaking news
---
The harbour is closed.
`;

describe('language server over stdio', () => {
  let client: TestClient;
  let root: string;
  let uri: string;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'newsdesk-protocol-'));
    cpSync(path.join(FIXTURES, 'site'), root, { recursive: true });
    uri = pathToFileURL(path.join(root, '_posts', '2025-03-04-storm.md')).href;
    mkdirSync(path.join(root, '_posts'), { recursive: true });
    writeFileSync(path.join(root, '_posts', '2025-01-01-older.md'), POST.replace('example.com/harbour', 'example.com/indexed'));
    client = new TestClient();
    await client.initialize(pathToFileURL(root).href);
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

  it('reports while typing, applies a quick fix and a fix-all', async () => {
    let document = TextDocument.create(uri, 'markdown', 1, POST);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: POST } });
    const first = await client.diagnostics(uri, (d) => d.length > 0);
    const invalid = first.find((d) => d.code === 'date/invalid');
    assert.ok(invalid, `date/invalid expected, got ${codes(first).join(', ')}`);
    assert.equal(invalid.severity, 1);
    assert.deepEqual(invalid.range, { start: { line: 3, character: 6 }, end: { line: 3, character: 31 } });
    assert.match(String(invalid.message), /^Invalid date '2025-13-04 09:30:00 \+0800'/);
    assert.ok(codes(first).includes('tags/string'));

    // Type the correction without saving: the error goes away.
    const monthRange = { start: { line: 3, character: 11 }, end: { line: 3, character: 13 } };
    document = TextDocument.update(document, [{ range: monthRange, text: '03' }], 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: monthRange, text: '03' }] });
    const second = await client.diagnostics(uri, (d) => !codes(d).includes('date/invalid'));
    const tags = second.find((d) => d.code === 'tags/string');
    assert.ok(tags);
    // Each diagnostic links to its rule's section of docs/rules.md.
    assert.equal(tags.codeDescription?.href, 'https://github.com/jekyll-newsdesk/jekyll-newsdesk/blob/main/docs/rules.md#tagsstring');

    // Ask for the quick fixes of the tags problem and apply the preferred one.
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: tags.range,
      context: { diagnostics: [tags], only: ['quickfix'] },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred);
    assert.equal(preferred?.title, 'Convert tags to a list');
    const edits = preferred?.edit?.changes?.[uri] as TextEdit[];
    const fixedText = TextDocument.applyEdits(document, edits);
    assert.match(fixedText, /^tags: \[breaking, news\]$/m);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: fixedText }] });
    const third = await client.diagnostics(uri, (d) => !codes(d).includes('tags/string'));
    assert.deepEqual(codes(third), []);

    // source.fixAll.newsdesk fixes every certain problem at once.
    const messy = fixedText.replace('title: "Storm closes the harbour"', 'title: "  Storm &amp; rain  "').replace('tags: [breaking, news]', 'tags: [storm, storm]');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: messy }] });
    await client.diagnostics(uri, (d) => codes(d).includes('tags/duplicate'));
    const fixAll = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.newsdesk'] },
    })) as CodeAction[];
    assert.equal(fixAll.length, 1);
    const cleaned = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 4, messy), fixAll[0].edit?.changes?.[uri] as TextEdit[]);
    assert.match(cleaned, /^tags: \[storm\]$/m);
    assert.match(cleaned, /^title: "Storm & rain"$/m);
  });

  it('reports a broken YAML and recovers when it is repaired', async () => {
    const broken = POST.replace('2025-13-04', '2025-03-04').replace('tags: breaking news', 'tags: [breaking, news').replace('example.com/harbour', 'example.com/yaml');
    const brokenUri = uri.replace('storm', 'yaml');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: brokenUri, languageId: 'markdown', version: 1, text: broken } });
    const first = await client.diagnostics(brokenUri, (d) => codes(d).includes('front-matter/yaml-syntax'));
    assert.ok(first.every((d) => d.code === 'front-matter/yaml-syntax'));
    const repaired = broken.replace('tags: [breaking, news', 'tags: [breaking, news]');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: brokenUri, version: 2 }, contentChanges: [{ text: repaired }] });
    const second = await client.diagnostics(brokenUri, (d) => !codes(d).includes('front-matter/yaml-syntax'));
    assert.deepEqual(codes(second), []);
  });

  it('checks an unsaved _config.yml and applies its severities to open posts', async () => {
    const postUri = uri.replace('storm', 'config');
    const text = POST.replace('2025-13-04', '2025-03-04').replace('example.com/harbour', 'example.com/config');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: postUri, languageId: 'markdown', version: 1, text } });
    await client.diagnostics(postUri, (d) => codes(d).includes('tags/string'));
    const configUri = pathToFileURL(path.join(root, '_config.yml')).href;
    const config = 'timezone: Asia/Shanghai\nnewsdesk:\n  rules:\n    tags/string: off\n    tags/strng: error\n';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: configUri, languageId: 'yaml', version: 1, text: config } });
    const configDiagnostics = await client.diagnostics(configUri, (d) => d.length > 0);
    assert.deepEqual(codes(configDiagnostics), ['config/invalid-setting']);
    assert.match(String(configDiagnostics[0].message), /Did you mean 'tags\/string'\?/);
    assert.deepEqual(configDiagnostics[0].range, { start: { line: 4, character: 4 }, end: { line: 4, character: 14 } });
    await client.diagnostics(postUri, (d) => !codes(d).includes('tags/string'));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: configUri } });
  });

  it('finds the same source in a post on disk through the workspace index', async () => {
    const twinUri = uri.replace('storm', 'twin');
    const text = POST.replace('2025-13-04', '2025-03-04').replace('tags: breaking news', 'tags: [news]').replace('example.com/harbour', 'example.com/indexed');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: twinUri, languageId: 'markdown', version: 1, text } });
    const diagnostics = await client.diagnostics(twinUri, (d) => codes(d).includes('from/duplicate'));
    assert.match(String(diagnostics.find((d) => d.code === 'from/duplicate')?.message), /2025-01-01-older\.md/);
  });

  it('looks for a local image on disk, and an image added later clears the problem when the watcher tells', async () => {
    const imageUri = uri.replace('storm', 'image');
    const text = POST.replace('2025-13-04', '2025-03-04').replace('tags: breaking news', 'tags: [news]').replace('example.com/harbour', 'example.com/image') + '\n<img src="/news/images/harbour.png" alt="The harbour at dawn">\n';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: imageUri, languageId: 'markdown', version: 1, text } });
    const broken = await client.diagnostics(imageUri, (d) => codes(d).includes('image/broken-local'));
    assert.match(String(broken.find((d) => d.code === 'image/broken-local')?.message), /no file images\/harbour\.png/);
    mkdirSync(path.join(root, 'images'), { recursive: true });
    writeFileSync(path.join(root, 'images', 'harbour.png'), 'png');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(root, 'images', 'harbour.png')).href, type: 1 }] });
    await client.diagnostics(imageUri, (d) => !codes(d).includes('image/broken-local'));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: imageUri } });
  });

  it('survives bad input and keeps answering', async () => {
    const odd = [
      '---\n',
      '\u0000\u0001---\n\ufffd',
      `---\ntitle: "${'x'.repeat(100_000)}"\n---\n`,
      '---\n: : :\n- [\n{\n---\n',
      '---\ndate: 99999999999 pm\ntags: *alias\n---\n',
    ];
    for (const [i, text] of odd.entries()) {
      const oddUri = uri.replace('storm', `odd-${i}`);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: oddUri, languageId: 'markdown', version: 1, text } });
      await client.diagnostics(oddUri, () => true);
    }
    const again = await client.diagnostics(uri, () => true);
    assert.ok(Array.isArray(again));
    assert.ok(!client.logs.join('').includes('failed'), client.logs.join(''));
  });

  it('drops stale versions: only the last of rapid edits is published', async () => {
    const rapidUri = uri.replace('storm', 'rapid');
    const rapid = POST.replace('example.com/harbour', 'example.com/rapid');
    const good = rapid.replace('2025-13-04', '2025-03-04').replace('tags: breaking news', 'tags: [news]');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: rapidUri, languageId: 'markdown', version: 1, text: rapid } });
    for (let version = 2; version <= 6; version++) {
      const text = version === 6 ? good : rapid.replace('title: "Storm', `title: "Storm ${version}`);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: rapidUri, version }, contentChanges: [{ text }] });
    }
    const final = await client.diagnostics(rapidUri, (d) => d.length === 0);
    assert.deepEqual(final, []);
    assert.equal(client.latest.get(rapidUri)?.version, 6);
  });
});
