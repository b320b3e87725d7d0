/** `newsdesk.images.checkRemote` over stdio: diagnostics first without remote problems, then again with them. */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { startImageServer, type ImageServer } from './helpers/imageServer';
import { TestClient } from './helpers/lspClient';

describe('language server with remote images', () => {
  let server: ImageServer;
  let root: string;
  before(async () => {
    server = await startImageServer();
    root = mkdtempSync(path.join(tmpdir(), 'newsdesk-protocol-remote-'));
    mkdirSync(path.join(root, '_posts'));
    mkdirSync(path.join(root, '_layouts'));
    writeFileSync(path.join(root, '_config.yml'), 'title: Remote News\ntimezone: Asia/Shanghai\nurl: http://news.example.org\n');
    writeFileSync(path.join(root, '_layouts', 'post.html'), '<html><body>{{ content }}</body></html>\n');
  });
  after(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  const post = (images: string) =>
    `---\nlayout: post\ntitle: "Harbour"\ndate: 2025-03-04 09:30:00 +0800\nauthor: Desk\nfrom: https://example.com/${Math.random()}\ntags: [a]\n---\n${images}\n`;
  const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code)).filter((c) => c.startsWith('image/') && c !== 'image/insecure' && c !== 'image/missing-caption').sort();

  it('publishes at once without remote problems, then with them when the images are fetched', async () => {
    const client = new TestClient({ images: { checkRemote: true, allowPrivateAddresses: true } });
    try {
      await client.initialize(pathToFileURL(root).href, { cacheDir: path.join(root, '.cache') });
      const uri = pathToFileURL(path.join(root, '_posts', '2025-03-04-harbour.md')).href;
      const text = post(`<img src="${server.url('/404.png?lsp')}" alt="Gone" referrerpolicy="no-referrer">\n\n<img src="${server.url('/hotlink.png?lsp')}" alt="Blocked">`);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const first = await client.diagnostics(uri, () => true);
      assert.deepEqual(codes(first), ['image/referrer-policy'], 'the first publish does not wait for the network');
      const later = await client.diagnostics(uri, (d) => codes(d).includes('image/broken-remote'));
      assert.deepEqual(codes(later), ['image/broken-remote', 'image/hotlink-blocked']);
      assert.ok(server.to('/hotlink.png?lsp').some((r) => r.referer === 'http://news.example.org'));

      // Typing keeps the known results (nothing fetched again) ...
      const fetched = server.requests.length;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text + '\nMore text.\n' }] });
      const typed = await client.diagnostics(uri, () => client.latest.get(uri)?.version === 2);
      assert.deepEqual(codes(typed), ['image/broken-remote', 'image/hotlink-blocked']);
      assert.equal(server.requests.length, fetched);

      // ... and a new image is fetched after the publish without it.
      const withNew = `${text}\n<img src="${server.url('/410.png?lsp')}" alt="Also gone" referrerpolicy="no-referrer">\n`;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: withNew }] });
      const again = await client.diagnostics(uri, (d) => codes(d).filter((c) => c === 'image/broken-remote').length === 2);
      assert.equal(client.latest.get(uri)?.version, 3);
      assert.equal(again.filter((d) => d.code === 'image/broken-remote').length, 2);
    } finally {
      await client.stop();
    }
  });

  it('fetches only the address the document settles on, not the ones typed on the way', async () => {
    const client = new TestClient({ images: { checkRemote: true, allowPrivateAddresses: true } });
    try {
      await client.initialize(pathToFileURL(root).href, { cacheDir: path.join(root, '.cache-typing') });
      const uri = pathToFileURL(path.join(root, '_posts', '2025-03-06-typing.md')).href;
      const head = post('');
      const image = (route: string) => `${head}<img src="${server.url(route)}" alt="Gone" referrerpolicy="no-referrer">\n`;
      const typed = ['/404.png?t', '/404.png?ty', '/404.png?typ', '/404.png?typi', '/404.png?typin', '/404.png?typing'];
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: image(typed[0]) } });
      await client.diagnostics(uri, () => client.latest.get(uri)?.version === 1);
      for (let i = 1; i < typed.length; i++) {
        // Slower than the debounce (each version is published), faster than the quiet time.
        await new Promise((resolve) => setTimeout(resolve, 250));
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 1 }, contentChanges: [{ text: image(typed[i]) }] });
      }
      const settled = await client.diagnostics(uri, (d) => client.latest.get(uri)?.version === typed.length && codes(d).includes('image/broken-remote'));
      assert.deepEqual(codes(settled), ['image/broken-remote']);
      assert.deepEqual(server.requests.filter((r) => r.path.startsWith('/404.png?t')).map((r) => r.path), ['/404.png?typing', '/404.png?typing']);
    } finally {
      await client.stop();
    }
  });

  it('fetches nothing when the setting is off', async () => {
    const client = new TestClient({});
    try {
      await client.initialize(pathToFileURL(root).href, { cacheDir: path.join(root, '.cache') });
      const uri = pathToFileURL(path.join(root, '_posts', '2025-03-05-off.md')).href;
      const before = server.requests.length;
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: post(`<img src="${server.url('/404.png?off')}" alt="Gone">`) } });
      const diagnostics = await client.diagnostics(uri, () => true);
      assert.deepEqual(codes(diagnostics), ['image/referrer-policy']);
      // A request for code actions round-trips after any background work would have started.
      await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
      assert.equal(server.requests.length, before);
    } finally {
      await client.stop();
    }
  });
});
