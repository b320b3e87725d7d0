/** The preview's render request over stdio: the article of the open (unsaved) text, its header and its local images. */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { RenderRequest, type RenderAnswer } from '../server/src/protocol';
import { FIXTURES } from './helpers/fixtures';
import { TestClient } from './helpers/lspClient';

const POST = `---
layout: post
title: "Storm closes the harbour"
date: 2025-03-04 23:30:00 +0000
author: Harbour Desk
from: https://example.com/harbour
tags: breaking news
categories: [local]
---
The harbour is **closed** on {{ page.date | date: "%Y-%m-%d" }}.

![Waves](/news/images/waves.jpg)
<img src="pier.jpg" alt="Pier">
<script>alert(1)</script>
`;

describe('newsdesk/render over stdio', () => {
  let client: TestClient;
  let root: string;
  let uri: string;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'newsdesk-render-'));
    cpSync(path.join(FIXTURES, 'site'), root, { recursive: true });
    mkdirSync(path.join(root, '_posts'), { recursive: true });
    uri = pathToFileURL(path.join(root, '_posts', '2025-03-05-storm.md')).href;
    writeFileSync(path.join(root, '_posts', '2025-03-05-storm.md'), POST.replace('Storm closes', 'On disk:'));
    client = new TestClient();
    await client.initialize(pathToFileURL(root).href);
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('renders the open text, sanitised, with the header in the site time zone', async () => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 3, text: POST } });
    const answer = (await client.connection.sendRequest(RenderRequest.method, { uri })) as RenderAnswer;
    assert.equal(answer.uri, uri);
    assert.equal(answer.version, 3);
    assert.deepEqual(answer.header, {
      title: 'Storm closes the harbour',
      date: '2025-03-05 07:30:00 +0800', // the site is in Asia/Shanghai
      author: 'Harbour Desk',
      from: 'https://example.com/harbour',
      tags: ['breaking', 'news'],
      categories: ['local'],
    });
    assert.match(answer.html, /The harbour is <strong>closed<\/strong> on 2025-03-05\./);
    assert.doesNotMatch(answer.html, /<script/);
    assert.match(answer.html, /newsdesk-placeholder/);
    assert.equal(answer.liquidError, undefined);
    // Where the article comes from: the body's first line, blocks by line, images by their range in the text.
    assert.equal(answer.bodyLine, 9);
    assert.match(answer.html, /<p data-line="9">The harbour is/);
    assert.deepEqual(answer.images, [
      { start: { line: 11, character: 0 }, end: { line: 11, character: 32 } },
      { start: { line: 12, character: 0 }, end: { line: 12, character: 31 } },
    ]);
    assert.match(answer.html, /<img data-newsdesk-image="1"[^>]*src="pier.jpg"/);
    // Root-relative under the baseurl, and relative to the post's URL (/news/local/2025/03/05/storm.html).
    assert.deepEqual(answer.localImages, {
      '/news/images/waves.jpg': path.join(root, 'images', 'waves.jpg'),
      'pier.jpg': path.join(root, 'local', '2025', '03', '05', 'pier.jpg'),
    });
  });

  it('with layout: true, renders inside the site\'s layouts, an unsaved layout included, with the site\'s stylesheets', async () => {
    writeFileSync(path.join(root, 'site.css'), 'article { margin: 0; }\n');
    const layoutUri = pathToFileURL(path.join(root, '_layouts', 'post.html')).href;
    const unsaved = '---\nlayout: default\n---\n<link rel="stylesheet" href="{{ \'/site.css\' | relative_url }}"><article class="story"><h1>{{ page.title }}</h1>{{ content }}</article>';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: layoutUri, languageId: 'html', version: 1, text: unsaved } });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 4, text: POST } });
    const answer = (await client.connection.sendRequest(RenderRequest.method, { uri, layout: true })) as RenderAnswer;
    assert.match(answer.html, /^<article class="story"><h1>Storm closes the harbour<\/h1><p data-line="9">The harbour is <strong>closed<\/strong>/);
    assert.doesNotMatch(answer.html, /<script|<link|<meta/);
    assert.deepEqual(answer.layout?.chain, [path.join(root, '_layouts', 'post.html'), path.join(root, '_layouts', 'default.html')]);
    assert.deepEqual(answer.layout?.stylesheets, [path.join(root, 'site.css')]);
    assert.deepEqual(answer.layout?.notes, []);
    const plain = (await client.connection.sendRequest(RenderRequest.method, { uri })) as RenderAnswer;
    assert.equal(plain.layout, undefined);
    assert.match(plain.html, /^<p data-line="9">The harbour is/);
  });

  it('answers null for a file that is not a post', async () => {
    const config = pathToFileURL(path.join(root, '_config.yml')).href;
    assert.equal(await client.connection.sendRequest(RenderRequest.method, { uri: config }), null);
  });
});
