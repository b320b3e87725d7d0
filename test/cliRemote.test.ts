/** `newsdesk check --check-remote` against a local image server: reports, the cache between runs, and --fix. */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI } from './helpers/cli';
import { startImageServer, type ImageServer } from './helpers/imageServer';

/** The CLI as a child process, without blocking this process (the image server answers from it). */
function runCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

type Entry = { file: string; problems: Array<{ rule: string; severity: string; message: string; range: { start: { line: number } } }>; fixed?: boolean };

describe('newsdesk check --check-remote', () => {
  let server: ImageServer;
  let site: string;
  let cacheDir: string;
  let post: string;
  before(async () => {
    server = await startImageServer();
    site = mkdtempSync(path.join(tmpdir(), 'newsdesk-remote-'));
    cacheDir = path.join(site, '.cache');
    mkdirSync(path.join(site, '_posts'));
    mkdirSync(path.join(site, '_layouts'));
    // An http site: an https page would send no Referer to the http images of the local server (a downgrade).
    writeFileSync(path.join(site, '_config.yml'), 'title: Remote News\ntimezone: Asia/Shanghai\nurl: http://news.example.org\n');
    writeFileSync(path.join(site, '_layouts', 'post.html'), '<!DOCTYPE html>\n<html><body>{{ content }}</body></html>\n');
    post = path.join(site, '_posts', '2025-03-04-remote.md');
    writeFileSync(
      post,
      [
        '---',
        'layout: post',
        'title: "Harbour bridge reopens"',
        'date: 2025-03-04 09:30:00 +0800',
        'author: Harbour Daily',
        'from: https://example.com/news/remote',
        'tags: [transport]',
        '---',
        `<img src="${server.url('/ok.png')}" alt="Loads" referrerpolicy="no-referrer">`,
        '',
        `<img src="${server.url('/404.png')}" alt="Gone" referrerpolicy="no-referrer">`,
        '',
        `<img src="${server.url('/hotlink.png')}" alt="Blocked as a hotlink">`,
        '',
        `![Soft 404](${server.url('/soft-404.png')})`,
        '',
        `<img src="${server.url('/500.png')}" alt="Server error: never an error" referrerpolicy="no-referrer">`,
        '',
      ].join('\n'),
    );
  });
  after(async () => {
    await server.close();
    rmSync(site, { recursive: true, force: true });
  });

  const remoteProblems = (stdout: string) =>
    (JSON.parse(stdout) as Entry[])[0].problems.filter((p) => p.rule.startsWith('image/') && p.rule !== 'image/insecure' && p.rule !== 'image/missing-caption').map((p) => `${p.range.start.line + 1}: ${p.rule}`);

  it('asks nothing of the network without --check-remote', async () => {
    const result = await runCli(['check', '--format', 'json', post]);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(remoteProblems(result.stdout), ['13: image/referrer-policy']);
    assert.equal(server.requests.length, 0);
  });

  it('refuses the private address of the test server without --remote-allow-private, asking it nothing', async () => {
    const before = server.requests.length;
    const result = await runCli(['check', '--check-remote', '--no-cache', '--format', 'json', post]);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(remoteProblems(result.stdout), ['13: image/referrer-policy']);
    assert.match(result.stderr, /5 remote images checked with 0 requests, 5 not fetched for a private or local address \(--remote-allow-private fetches them\)\./);
    assert.equal(server.requests.length, before);
  });

  it('reports broken and hotlink-blocked images, and never a server error', async () => {
    const result = await runCli(['check', '--check-remote', '--remote-allow-private', '--cache-dir', cacheDir, '--format', 'json', post]);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(remoteProblems(result.stdout), ['11: image/broken-remote', '13: image/hotlink-blocked', '15: image/broken-remote']);
    const broken = (JSON.parse(result.stdout) as Entry[])[0].problems.find((p) => p.rule === 'image/broken-remote');
    assert.match(broken?.message ?? '', /answers 404 Not Found\. Readers see a broken image/);
    assert.match(result.stderr, /5 remote images checked with \d+ requests, 2 broken, 1 blocked as hotlinks, 1 could not be checked/);
    assert.ok(server.to('/hotlink.png').some((r) => r.referer === 'http://news.example.org'), 'asked with the site as the Referer');
    assert.deepEqual(server.to('/ok.png').map((r) => r.referer), [undefined], 'no Referer for a no-referrer image');
  });

  it('remembers what loaded: a second run asks only for the failures', async () => {
    const before = server.requests.length;
    const result = await runCli(['check', '--check-remote', '--remote-allow-private', '--cache-dir', cacheDir, '--format', 'json', post]);
    assert.equal(result.status, 1);
    const asked = new Set(server.requests.slice(before).map((r) => r.path));
    assert.ok(!asked.has('/ok.png'), 'the image that loaded is not asked for again');
    assert.ok(asked.has('/404.png') && asked.has('/500.png'));
  });

  it('fetches at most --remote-limit images in a run, and says how many it left', async () => {
    const before = server.requests.length;
    const result = await runCli(['check', '--check-remote', '--remote-allow-private', '--remote-limit', '2', '--no-cache', '--format', 'json', post]);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(remoteProblems(result.stdout), ['11: image/broken-remote', '13: image/referrer-policy']);
    assert.match(result.stderr, /2 remote images checked with 3 requests, 1 broken, 3 more not checked: at most 2 are fetched in one run \(--remote-limit N to change\)\./);
    assert.deepEqual([...new Set(server.requests.slice(before).map((r) => r.path))], ['/ok.png', '/404.png']);
  });

  it('--fix adds referrerpolicy="no-referrer" to the hotlink-blocked image', async () => {
    const result = await runCli(['check', '--check-remote', '--remote-allow-private', '--no-cache', '--fix', '--format', 'json', post]);
    const [entry] = JSON.parse(result.stdout) as Entry[];
    assert.equal(entry.fixed, true, result.stderr);
    assert.match(readFileSync(post, 'utf8'), new RegExp(`<img referrerpolicy="no-referrer" src="${server.url('/hotlink.png')}"`));
    assert.deepEqual(remoteProblems(result.stdout), ['11: image/broken-remote', '15: image/broken-remote']);
  });

  it('says --cache-dir needs --check-remote', async () => {
    const result = await runCli(['check', '--cache-dir', cacheDir, post]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--cache-dir only applies with --check-remote/);
    const limit = await runCli(['check', '--check-remote', '--remote-limit', 'many', post]);
    assert.equal(limit.status, 2);
    assert.match(limit.stderr, /--remote-limit needs a whole number/);
  });
});
