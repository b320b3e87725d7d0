/** Completions (and a hover) from the built server over stdio: front-matter keys and indexed values, kept current by edits and file changes. */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, Hover, InitializeResult } from 'vscode-languageserver/node';
import { TestClient } from './helpers/lspClient';

describe('completions over stdio', () => {
  let client: TestClient;
  let root: string;
  let capabilities: InitializeResult['capabilities'];
  const uriOf = (relative: string) => pathToFileURL(path.join(root, relative)).href;
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  };

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'newsdesk-completion-'));
    write('_config.yml', 'title: Site\ntimezone: Asia/Shanghai\n');
    write('_layouts/post.html', '{{ content }}');
    write('_posts/2025-01-01-a.md', '---\ntitle: A\ntags: [经济, 外交]\nauthor: 甲\n---\nA\n');
    write('_posts/2025-01-02-b.md', '---\ntitle: B\ntags: [经济]\nauthor: 甲\n---\nB\n');
    write('images/map.png', 'png');
    client = new TestClient();
    capabilities = ((await client.initialize(pathToFileURL(root).href)) as InitializeResult).capabilities;
    // The index is read in the background after initialize; it says when it is ready.
    const deadline = Date.now() + 10_000;
    while (!client.indexStatus.some((s) => s.state === 'ready')) {
      if (Date.now() > deadline) throw new Error(`the index never got ready\n${client.logs.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  async function open(relative: string, text: string, version = 1): Promise<string> {
    const uri = uriOf(relative);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    return uri;
  }
  async function complete(uri: string, line: number, character: number): Promise<CompletionItem[]> {
    const answer = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as CompletionItem[] | CompletionList | null;
    return Array.isArray(answer) ? answer : (answer?.items ?? []);
  }
  const shown = (items: CompletionItem[]) => items.map((i) => `${i.label} (${i.detail ?? ''})`);

  it('declares completions with trigger characters', () => {
    assert.ok(capabilities.completionProvider?.triggerCharacters?.includes('['));
  });

  it('offers keys, indexed tags with counts, layouts and images', async () => {
    const text = '---\ntitle: New\nau\ntags: [\nlayout: \n---\n![m](\n';
    const uri = await open('_posts/2025-03-01-new.md', text);
    const keys = await complete(uri, 2, 2);
    assert.ok(keys.some((i) => i.label === 'author') && !keys.some((i) => i.label === 'title'), JSON.stringify(keys.map((i) => i.label)));
    assert.deepEqual(keys.find((i) => i.label === 'author')?.textEdit, { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } }, newText: 'author: ' });
    const tags = await complete(uri, 3, 7);
    assert.deepEqual(shown(tags), ['经济 (2 posts)', '外交 (1 post)']);
    assert.deepEqual(tags[0].textEdit, { range: { start: { line: 3, character: 7 }, end: { line: 3, character: 7 } }, newText: '经济' });
    assert.deepEqual(shown(await complete(uri, 4, 8)), ['post (_layouts/post)']);
    const images = await complete(uri, 6, 5);
    assert.deepEqual(images.map((i) => i.label), ['../../../images/map.png']);
  });

  it('follows unsaved edits of another post and files changed on disk', async () => {
    const other = '---\ntitle: C\ntags: [体育]\nauthor: 乙\n---\nC\n';
    const otherUri = await open('_posts/2025-02-01-c.md', other);
    // The check of the open post tells the index what it reads now.
    await client.diagnostics(otherUri, () => true);
    const uri = await open('_posts/2025-03-02-d.md', '---\nauthor: \n---\n');
    assert.deepEqual(shown(await complete(uri, 1, 8)), ['甲 (2 posts)', '乙 (1 post)']);
    // A post deleted on disk no longer counts.
    rmSync(path.join(root, '_posts/2025-01-02-b.md'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('_posts/2025-01-02-b.md'), type: 3 }] });
    assert.deepEqual(shown(await complete(uri, 1, 8)), ['乙 (1 post)', '甲 (1 post)']);
    // A hover on an author says how many posts are by them.
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: otherUri }, position: { line: 3, character: 9 } })) as Hover | null;
    assert.deepEqual(hover?.contents, { kind: 'markdown', value: '**author** `乙`\n\n1 post of the site is by this author.' });
    assert.deepEqual(hover?.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 9 } });
  });
});
