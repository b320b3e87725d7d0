/** Remote images fetched as the published page loads them, against a local server with each outlet behaviour. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lintPost } from '../server/src/core/lint';
import { parsePost } from '../server/src/core/post';
import { remoteFacts, remoteImageRequests, type RemoteImageResult } from '../server/src/core/remote';
import { emptySite, type SiteContext } from '../server/src/core/site';
import { CACHE_FILE, defaultCacheDir, OK_TTL_MS, RemoteImageCache } from '../server/src/node/remote/cache';
import { isInternalAddress } from '../server/src/node/remote/address';
import { CANCELLED_DETAIL, RemoteImageChecker, retryAfterMs, type RemoteCheckerOptions } from '../server/src/node/remote/checker';
import { HostGate } from '../server/src/node/remote/gate';
import { startImageServer, type ImageServer } from './helpers/imageServer';

const SITE = 'https://news.example.org';
/** Small waits so that the suite stays fast (the defaults are 10 s, 100 ms, 1 s); the test server is on 127.0.0.1. */
const FAST: RemoteCheckerOptions = { timeoutMs: 300, minIntervalMs: 0, backoffMs: 10, allowPrivateAddresses: true };

describe('remote image checker', () => {
  let server: ImageServer;
  before(async () => (server = await startImageServer()));
  after(() => server.close());

  const check = (route: string, referrer?: string, options: RemoteCheckerOptions = {}) => new RemoteImageChecker({ ...FAST, ...options }).check({ url: server.url(route), referrer });
  const outcome = async (route: string, referrer?: string): Promise<[string, string]> => {
    const result = await check(route, referrer);
    return [result.outcome, result.detail];
  };

  it('tells a loading image from a broken one', async () => {
    assert.deepEqual(await outcome('/ok.png'), ['ok', '200 OK image/png']);
    assert.deepEqual(await outcome('/404.png'), ['broken', '404 Not Found']);
    assert.deepEqual(await outcome('/410.png'), ['broken', '410 Gone']);
    assert.deepEqual(await outcome('/soft-404.png'), ['broken', '200 OK with an HTML page instead of an image (a "not found" page)']);
    assert.deepEqual(await outcome('/empty.png'), ['broken', '200 OK with an empty body']);
    assert.deepEqual(await outcome('/octet.png'), ['ok', '200 OK application/octet-stream, an image by its bytes']);
    assert.deepEqual(await outcome('/octet-text.png'), ['broken', '200 OK application/octet-stream, not an image']);
  });

  it('asks with GET when HEAD is refused or says something else than an image', async () => {
    assert.equal((await check('/head-405.png')).outcome, 'ok');
    assert.deepEqual(server.to('/head-405.png').map((r) => r.method), ['HEAD', 'GET']);
    assert.equal((await check('/head-lies.png')).outcome, 'ok');
    assert.deepEqual(server.to('/head-lies.png').map((r) => r.method), ['HEAD', 'GET']);
    // A HEAD that says image is believed: one request.
    await check('/ok.png?once');
    assert.deepEqual(server.to('/ok.png?once').map((r) => r.method), ['HEAD']);
  });

  it('reads only the first bytes of a large body, then hangs up', async () => {
    const result = await check('/big.bin', undefined, { timeoutMs: 5_000 });
    assert.equal(result.outcome, 'ok');
    assert.ok(server.bigBytesWritten < 4 * 1024 * 1024, `the server wrote ${server.bigBytesWritten} bytes of 10 MB`);
  });

  it('follows up to 10 redirects, and no more', async () => {
    const three = await check('/redirect/3');
    assert.deepEqual([three.outcome, three.finalUrl], ['ok', server.url('/redirect/0')]);
    const eleven = await check('/redirect/11');
    assert.deepEqual([eleven.outcome, eleven.detail], ['unchecked', 'more than 10 redirects']);
    assert.equal(server.requests.filter((r) => r.path.startsWith('/redirect/') && r.method === 'HEAD').length, 4 + 11);
  });

  it('reports a hotlink block only when the image loads without the Referer', async () => {
    const blocked = await check('/hotlink.png', SITE);
    assert.deepEqual([blocked.outcome, blocked.detail, blocked.referrer], ['hotlink-blocked', '403 Forbidden', SITE]);
    assert.ok(server.to('/hotlink.png').some((r) => r.referer === SITE));
    assert.ok(server.to('/hotlink.png').some((r) => r.referer === undefined));
    assert.equal((await check('/hotlink.png?2')).outcome, 'ok', 'without a Referer it loads');
    assert.deepEqual(await outcome('/bot-wall.png', SITE), ['bot-wall', '403 Forbidden']);
    assert.deepEqual(await outcome('/bot-wall.png'), ['bot-wall', '403 Forbidden']);
    assert.deepEqual(await outcome('/404.png?ref', SITE), ['broken', '404 Not Found']);
  });

  it('sends no Referer for an image requested without one, and names itself', async () => {
    await check('/ok.png?noref');
    await check('/404.png?noref');
    const sent = [...server.to('/ok.png?noref'), ...server.to('/404.png?noref')];
    assert.equal(sent.length, 3);
    assert.deepEqual(sent.map((r) => r.referer), [undefined, undefined, undefined]);
    assert.match(sent[0].userAgent ?? '', /^JekyllNewsdesk /);
  });

  it('never calls a server error, a timeout or a network failure broken', async () => {
    assert.deepEqual(await outcome('/500.png'), ['unchecked', '500 Internal Server Error']);
    assert.deepEqual(await outcome('/slow.png'), ['unchecked', 'no answer within 0.3 s']);
    const reset = await check('/reset.png');
    assert.equal(reset.outcome, 'unchecked');
    assert.match(reset.detail, /network failure/);
    const closed = await new RemoteImageChecker(FAST).check({ url: 'http://127.0.0.1:1/x.png' });
    assert.deepEqual([closed.outcome, closed.detail], ['unchecked', 'a network failure (ECONNREFUSED)']);
  });

  it('settles a request that cannot even be made as unchecked, never as a rejection', async () => {
    // An invalid header makes http.request throw at once, before any timer is set.
    const checker = new RemoteImageChecker({ ...FAST, userAgent: 'bad\nagent' });
    const results = await checker.checkAll([{ url: server.url('/ok.png?throws') }, { url: 'http://[::1' }]);
    assert.deepEqual(results.map((r) => r.outcome), ['unchecked', 'unchecked']);
    assert.equal(results[0].detail, 'the request could not be made (ERR_INVALID_CHAR)');
    assert.match(results[1].detail, /^not checked \(Invalid URL\)$/);
    assert.equal(server.to('/ok.png?throws').length, 0);
  });

  it('refuses loopback, private and link-local addresses unless allowed, without a request', async () => {
    const publicOnly = new RemoteImageChecker({ ...FAST, allowPrivateAddresses: false });
    const direct = await publicOnly.check({ url: server.url('/ok.png?private'), referrer: SITE });
    assert.deepEqual([direct.outcome, direct.detail], ['unchecked', 'a private or local address; not fetched (127.0.0.1 is a private or local address)']);
    // A name is judged on the address it resolves to.
    const byName = await publicOnly.check({ url: server.url('/ok.png?private-name').replace('127.0.0.1', 'localhost') });
    assert.equal(byName.outcome, 'unchecked');
    assert.match(byName.detail, /^a private or local address; not fetched \(localhost resolves to (127\.0\.0\.1|::1), a private or local address\)$/);
    const metadata = await publicOnly.check({ url: 'http://169.254.169.254/latest/meta-data/' });
    assert.deepEqual([metadata.outcome, metadata.detail], ['unchecked', 'a private or local address; not fetched (169.254.169.254 is a private or local address)']);
    assert.equal(publicOnly.requests, 1, 'only the name was looked up (its HEAD refused after the lookup); nothing was sent');
    assert.deepEqual([server.to('/ok.png?private').length, server.to('/ok.png?private-name').length], [0, 0], 'the test server saw nothing');
  });

  it('knows which addresses are internal', () => {
    const internal = ['127.0.0.1', '127.9.9.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.100.100.200', '::1', '[::1]', '::', 'fd00::1', 'fc12::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '255.255.255.255'];
    const external = ['93.184.216.34', '172.32.0.1', '172.15.255.255', '192.169.0.1', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', 'example.org'];
    assert.deepEqual(internal.filter((a) => !isInternalAddress(a)), []);
    assert.deepEqual(external.filter((a) => isInternalAddress(a)), []);
  });

  it('waits out 429 and 503 as Retry-After says, within bounds', async () => {
    let started = Date.now();
    assert.equal((await check('/429.png')).outcome, 'ok');
    assert.ok(Date.now() - started >= 950, 'waited the second Retry-After asked for');
    assert.deepEqual(server.to('/429.png').map((r) => r.method), ['HEAD', 'HEAD']);
    assert.equal((await check('/429-date.png')).outcome, 'ok');
    started = Date.now();
    const long = await check('/429-long.png');
    assert.deepEqual([long.outcome, long.detail], ['unchecked', '429 Too Many Requests']);
    assert.ok(Date.now() - started < 1_000, 'did not wait 120 s');
    assert.equal(retryAfterMs('7', 0), 7_000);
    assert.equal(retryAfterMs(new Date(5_000).toUTCString(), 0), 5_000);
    assert.equal(retryAfterMs('soon', 0), undefined);
  });

  it('fetches one address and Referer once, however often it is asked', async () => {
    const checker = new RemoteImageChecker(FAST);
    const request = { url: server.url('/ok.png?dedupe'), referrer: SITE };
    const results = await checker.checkAll([request, request, { ...request }]);
    assert.deepEqual(results.map((r) => r.outcome), ['ok', 'ok', 'ok']);
    await checker.check(request);
    assert.equal(server.to('/ok.png?dedupe').length, 1);
  });

  it('holds at most maxRemembered results in memory, forgetting the oldest', async () => {
    const checker = new RemoteImageChecker({ ...FAST, maxRemembered: 2 });
    for (const n of [1, 2, 3]) await checker.check({ url: server.url(`/ok.png?remember${n}`) });
    assert.equal(checker.results().length, 2);
    assert.equal(checker.known({ url: server.url('/ok.png?remember1') }), undefined, 'the oldest is forgotten');
    assert.ok(checker.known({ url: server.url('/ok.png?remember3') }));
  });

  it('keeps at most 4 requests in flight to a host', async () => {
    server.maxInFlight = 0;
    const checker = new RemoteImageChecker({ ...FAST, timeoutMs: 5_000 });
    await checker.checkAll(Array.from({ length: 12 }, (_, i) => ({ url: server.url(`/slow-ok/${i}`) })));
    assert.equal(server.maxInFlight, 4);
  });

  it('keeps at most `overall` in flight across hosts', async () => {
    const others = [await startImageServer(), await startImageServer()];
    try {
      const all = [server, ...others];
      for (const s of all) s.maxInFlight = 0;
      const checker = new RemoteImageChecker({ ...FAST, timeoutMs: 5_000, overall: 6 });
      await checker.checkAll(all.flatMap((s) => Array.from({ length: 8 }, (_, i) => ({ url: s.url(`/slow-ok/o${i}`) }))));
      // Each host had 4 at most; together at most 6.
      assert.ok(all.every((s) => s.maxInFlight <= 4));
      const starts = all.flatMap((s) => s.requests.filter((r) => r.path.startsWith('/slow-ok/o')).map((r) => r.at)).sort((a, b) => a - b);
      assert.equal(starts.length, 24);
      // Requests last 80 ms: within any 60 ms, no more than 6 can have started.
      for (let i = 6; i < starts.length; i++) assert.ok(starts[i] - starts[i - 6] >= 60, `7 requests started within ${starts[i] - starts[i - 6]} ms`);
    } finally {
      await Promise.all(others.map((s) => s.close()));
    }
  });

  it('drops the queued requests of a cancelled check, and fetches them for the next asker', async () => {
    const checker = new RemoteImageChecker({ ...FAST, perHost: 1, timeoutMs: 5_000 });
    const stop = new AbortController();
    const routes = Array.from({ length: 5 }, (_, i) => `/slow-ok/cancel${i}`);
    const pending = checker.checkAll(routes.map((route) => ({ url: server.url(route) })), stop.signal);
    while (server.to('/slow-ok/cancel0').length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    const results = await pending;
    // The request under way finishes; the four waiting never start.
    assert.deepEqual(results.map((r) => `${r.outcome} ${r.detail}`), ['ok 200 OK image/png', ...Array(4).fill(`unchecked ${CANCELLED_DETAIL}`)]);
    assert.deepEqual(routes.map((route) => server.to(route).length), [1, 0, 0, 0, 0]);
    assert.equal(checker.known({ url: server.url(routes[1]) }), undefined, 'a cancelled request is not remembered');
    assert.equal((await checker.check({ url: server.url(routes[1]) })).outcome, 'ok');
  });

  it('a fetch shared with a cancelled asker still answers the other one', async () => {
    const checker = new RemoteImageChecker({ ...FAST, perHost: 1, timeoutMs: 5_000 });
    const first = new AbortController();
    const busy = checker.check({ url: server.url('/slow-ok/shared-busy') });
    const cancelled = checker.check({ url: server.url('/slow-ok/shared') }, first.signal);
    const other = checker.check({ url: server.url('/slow-ok/shared') });
    first.abort();
    assert.deepEqual([(await cancelled).detail, (await other).outcome, (await busy).outcome], [CANCELLED_DETAIL, 'ok', 'ok']);
  });

  it('forgets a host with nothing in flight once its interval is over', async () => {
    const gate = new HostGate({ perHost: 4, overall: 16, minIntervalMs: 20 });
    await Promise.all(Array.from({ length: 300 }, (_, i) => gate.run(`host${i}.example`, async () => i)));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await gate.run('last.example', async () => 0);
    assert.equal(gate.hostCount, 1, 'only the host asked within the interval');
  });

  it('leaves the minimum interval between two requests to a host', async () => {
    const checker = new RemoteImageChecker({ ...FAST, minIntervalMs: 60 });
    // A first request warms the connection code up: otherwise its slow start shortens the gap seen by the server.
    await checker.check({ url: server.url('/ok.png?warm-up') });
    await checker.checkAll(Array.from({ length: 5 }, (_, i) => ({ url: server.url(`/ok.png?interval${i}`) })));
    const starts = server.requests.filter((r) => r.path.startsWith('/ok.png?interval')).map((r) => r.at);
    assert.equal(starts.length, 5);
    // Seen at the server, a gap can shrink by the jitter of one connection on a busy machine (10 ms seen on 2 cores);
    // without the interval the five would arrive within a few ms.
    for (let i = 1; i < starts.length; i++) assert.ok(starts[i] - starts[i - 1] >= 40, `two requests ${starts[i] - starts[i - 1]} ms apart`);
  });
});

describe('remote image cache', () => {
  let server: ImageServer;
  let dir: string;
  before(async () => {
    server = await startImageServer();
    dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-cache-'));
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (cacheDir: string, now: number, routes: string[]): Promise<RemoteImageResult[]> => {
    const checker = new RemoteImageChecker({ ...FAST, cache: new RemoteImageCache(cacheDir, () => now), now: () => now });
    const results = await checker.checkAll(routes.map((route) => ({ url: server.url(route), referrer: SITE })));
    assert.equal(checker.save(), undefined);
    return results;
  };

  it('keeps what loaded for 7 days and asks again for failures', async () => {
    const t0 = Date.UTC(2026, 0, 1);
    const routes = ['/ok.png?c', '/404.png?c'];
    await run(dir, t0, routes);
    assert.equal(server.to('/ok.png?c').length, 1);
    // HEAD and GET with the Referer, then both again without it (is it a hotlink block?).
    assert.deepEqual(server.to('/404.png?c').map((r) => `${r.method} ${r.referer ?? '-'}`), ['HEAD ' + SITE, 'GET ' + SITE, 'HEAD -', 'GET -']);
    const second = await run(dir, t0 + 60_000, routes);
    assert.deepEqual(second.map((r) => r.outcome), ['ok', 'broken']);
    assert.equal(server.to('/ok.png?c').length, 1, 'the image that loaded is not asked for again');
    assert.equal(server.to('/404.png?c').length, 8, 'the broken one is');
    await run(dir, t0 + OK_TTL_MS + 1, routes);
    assert.equal(server.to('/ok.png?c').length, 2, 'after 7 days it is asked for again');
  });

  it('ignores a corrupt cache file and writes a good one', async () => {
    const corrupt = mkdtempSync(path.join(dir, 'corrupt-'));
    for (const garbage of ['{"format":1,"entries":[["x",', 'null', '{"format":1,"entries":[[1,2],["k",{"checkedAt":"soon"}]]}', '\u0000\u0001']) {
      writeFileSync(path.join(corrupt, CACHE_FILE), garbage);
      const [result] = await run(corrupt, Date.now(), ['/ok.png?corrupt']);
      assert.equal(result.outcome, 'ok');
    }
    const saved = JSON.parse(readFileSync(path.join(corrupt, CACHE_FILE), 'utf8')) as { entries: unknown[] };
    assert.equal(saved.entries.length, 1);
  });

  it('lives under $XDG_CACHE_HOME/newsdesk, else ~/.cache/newsdesk', () => {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/me' }), '/var/cache/me/newsdesk');
    assert.match(defaultCacheDir({}), /\.cache\/newsdesk$/);
  });
});

describe('the requests a post makes', () => {
  const post = (body: string) => parsePost(`---\ntitle: x\n---\n${body}\n`, '/site/_posts/2025-03-04-x.md');
  const site = (extra: Partial<SiteContext> = {}): SiteContext => ({ ...emptySite(), url: 'https://news.example.org', ...extra });
  const requests = (body: string, on = site()) => remoteImageRequests(post(body), on).map((r) => `${r.url} ${r.referrer ?? '-'}`);

  it('sends the origin of the site as the Referer unless the page or the image says not to', () => {
    assert.deepEqual(requests('<img src="https://a.example/x.jpg#top">'), ['https://a.example/x.jpg https://news.example.org']);
    assert.deepEqual(requests('<img src="https://a.example/x.jpg" referrerpolicy="no-referrer">'), ['https://a.example/x.jpg -']);
    assert.deepEqual(requests('<img src="https://a.example/x.jpg" referrerpolicy="same-origin">'), ['https://a.example/x.jpg -']);
    assert.deepEqual(requests('<img src="https://a.example/x.jpg" referrerpolicy="origin">'), ['https://a.example/x.jpg https://news.example.org']);
    assert.deepEqual(requests('<img src="https://a.example/x.jpg">', site({ noReferrerMeta: true })), ['https://a.example/x.jpg -']);
    assert.deepEqual(requests('<img src="https://a.example/x.jpg">', site({ url: undefined })), ['https://a.example/x.jpg -'], 'no url: no Referer can be predicted');
    // An https page sends no Referer to an http image (the default policy), unless the policy says otherwise.
    assert.deepEqual(requests('<img src="http://a.example/x.jpg">'), ['http://a.example/x.jpg -']);
    assert.deepEqual(requests('<img src="http://a.example/x.jpg" referrerpolicy="unsafe-url">'), ['http://a.example/x.jpg https://news.example.org']);
  });

  it('takes http(s) and protocol-relative images, decoded, once each; not Liquid, relative or data addresses', () => {
    assert.deepEqual(
      requests('<img src="//a.example/x.jpg?w=1&amp;h=2">\n\n![m](https://a.example/y.png)\n\n<img src="https://a.example/y.png">\n\n<img src="{{ site.cdn }}/z.jpg">\n\n<img src="/local.jpg">\n\n<img src="data:image/png;base64,AAAA">'),
      ['https://a.example/x.jpg?w=1&h=2 https://news.example.org', 'https://a.example/y.png https://news.example.org'],
    );
  });

  it('takes the first 200 distinct remote images of a post, however many it has', () => {
    const body = Array.from({ length: 1_000 }, (_, i) => `<img src="https://a.example/${i % 500}.jpg">`).join('\n\n');
    const taken = requests(body);
    assert.equal(taken.length, 200);
    assert.equal(taken[199], 'https://a.example/199.jpg https://news.example.org');
  });

  it('the remote rules say nothing without fetched results', () => {
    const problems = lintPost(post('<img src="https://a.example/gone.jpg" referrerpolicy="no-referrer">'), { site: site() });
    assert.deepEqual(problems.filter((p) => p.rule === 'image/broken-remote' || p.rule === 'image/hotlink-blocked'), []);
    const facts = remoteFacts([{ url: 'https://a.example/gone.jpg', outcome: 'broken', detail: '404 Not Found' }]);
    const withFacts = lintPost(post('<img src="https://a.example/gone.jpg" referrerpolicy="no-referrer">'), { site: site(), remote: facts });
    assert.deepEqual(withFacts.filter((p) => p.rule === 'image/broken-remote').length, 1);
  });
});
