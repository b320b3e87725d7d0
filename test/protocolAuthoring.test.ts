/** The authoring features over stdio: the outline (document symbols) and hovers of an open post. */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { DocumentSymbol, Hover, MarkupContent } from 'vscode-languageserver/node';
import { FIXTURES } from './helpers/fixtures';
import { TestClient } from './helpers/lspClient';

const POST = `---
layout: post
title: "Storm closes the harbour"
date: 2025-03-04 09:30:00 +0800
---
# Harbour closed

<figure><img src="img/pier.jpg" alt="The pier"><figcaption>The pier at dawn.</figcaption></figure>

## What next
`;

describe('authoring features over stdio', () => {
  let client: TestClient;
  let root: string;
  let uri: string;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'newsdesk-authoring-'));
    cpSync(path.join(FIXTURES, 'site'), root, { recursive: true });
    mkdirSync(path.join(root, '_posts'), { recursive: true });
    uri = pathToFileURL(path.join(root, '_posts', '2025-03-04-storm.md')).href;
    client = new TestClient();
    const init = (await client.initialize(pathToFileURL(root).href)) as { capabilities: Record<string, unknown> };
    assert.equal(init.capabilities.documentSymbolProvider, true);
    assert.equal(init.capabilities.hoverProvider, true);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: POST } });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers the outline with front-matter fields, nested headings and the figure, in exact positions', async () => {
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    const brief = (list: DocumentSymbol[]): unknown[] => list.map((s) => [s.name, s.kind, s.detail, s.selectionRange, ...(s.children?.length ? [brief(s.children)] : [])]);
    const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
    assert.deepEqual(brief(symbols), [
      ['Front matter', 3, undefined, at(0, 0, 3), [
        ['layout', 7, 'post', at(1, 0, 6)],
        ['title', 7, '"Storm closes the harbour"', at(2, 0, 5)],
        ['date', 7, '2025-03-04 09:30:00 +0800', at(3, 0, 4)],
      ]],
      ['Harbour closed', 15, 'h1', at(5, 2, 16), [
        ['The pier at dawn.', 1, 'figure', at(7, 8, 47)],
        ['What next', 15, 'h2', at(9, 3, 12)],
      ]],
    ]);
    assert.deepEqual(symbols[0].range, { start: { line: 0, character: 0 }, end: { line: 4, character: 3 } });
    assert.deepEqual(symbols[1].range, { start: { line: 5, character: 0 }, end: { line: 9, character: 12 } });
  });

  it('answers hovers on the date and the layout in Markdown, with the range of the value', async () => {
    const date = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 10 } })) as Hover;
    assert.deepEqual(date.range, { start: { line: 3, character: 6 }, end: { line: 3, character: 31 } });
    const text = (date.contents as MarkupContent).value;
    assert.equal((date.contents as MarkupContent).kind, 'markdown');
    assert.match(text, /In the site's time zone \(`Asia\/Shanghai`\): `2025-03-04 09:30:00 \+0800`/);
    assert.match(text, /In UTC: `2025-03-04 01:30:00 UTC`/);
    assert.match(text, /\*\*Published\*\*: the date is past/);
    const layout = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 9 } })) as Hover;
    const file = (name: string) => pathToFileURL(path.join(root, '_layouts', name)).href;
    assert.equal((layout.contents as MarkupContent).value, `**layout** \`post\`: [_layouts/post.html](${file('post.html')})\n- inside \`default\`: [_layouts/default.html](${file('default.html')})`);
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 3 } }), null);
  });

  it('answers no symbols for a document that is not a post', async () => {
    const other = pathToFileURL(path.join(root, 'notes.txt')).href;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'plaintext', version: 1, text: '# x\n' } });
    assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: other } }), []);
  });
});
