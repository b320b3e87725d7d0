/** Hovers on front-matter fields: the date as Jekyll reads it and whether it is published now; the layout's file. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { FIELD_HOVERS } from '../server/src/core/hover';
import { duration } from '../server/src/core/hovers/date';
import { createLanguageService } from '../server/src/core/service';
import { MemoryWorkspace } from '../server/src/core/workspace';

const NOW = new Date('2025-03-04T00:00:00Z');

async function hover(config: string, text: string, at: string, files: Record<string, string> = {}) {
  const service = createLanguageService({ workspace: new MemoryWorkspace({ '/s/_config.yml': config, ...files }), now: () => NOW });
  const offset = text.indexOf(at);
  assert.ok(offset >= 0, at);
  const result = await service.hover({ path: '/s/_posts/2025-03-04-x.md', text }, offset + 1);
  return result && { contents: result.contents, range: text.slice(result.range.offset, result.range.offset + result.range.length) };
}

describe('hovers', () => {
  it('dispatches by front-matter key', () => {
    assert.deepEqual(Object.keys(FIELD_HOVERS).sort(), ['date', 'layout']);
  });

  it('shows a date in the site zone and in UTC, and that a past date is published', async () => {
    const text = '---\ndate: 2025-03-03 09:30:00 +0800\n---\nBody\n';
    const result = await hover('timezone: America/New_York\n', text, '2025-03-03');
    assert.equal(result?.range, '2025-03-03 09:30:00 +0800');
    assert.match(result!.contents, /In the site's time zone \(`America\/New_York`\): `2025-03-02 20:30:00 -0500`/);
    assert.match(result!.contents, /In UTC: `2025-03-03 01:30:00 UTC`/);
    assert.match(result!.contents, /\*\*Published\*\*: the date is past/);
    assert.doesNotMatch(result!.contents, /no offset/);
    // On the key too.
    assert.equal((await hover('timezone: America/New_York\n', text, 'ate:'))?.range, '2025-03-03 09:30:00 +0800');
  });

  it('says when a future post appears, or that future: true publishes it', async () => {
    const text = '---\ndate: "2025-03-06 08:00:00"\n---\nBody\n';
    const skipped = await hover('timezone: Asia/Shanghai\n', text, '2025-03-06');
    assert.match(skipped!.contents, /In the site's time zone \(`Asia\/Shanghai`\): `2025-03-06 08:00:00 \+0800`/);
    assert.match(skipped!.contents, /In UTC: `2025-03-06 00:00:00 UTC`/);
    assert.match(skipped!.contents, /no offset of its own: the site's zone applies/);
    assert.match(skipped!.contents, /\*\*Not published yet\*\*: the date is 2 days ahead\. Jekyll skips future posts .* the post appears with the first build after 2025-03-06 08:00:00 \+0800\./);
    const published = await hover('timezone: Asia/Shanghai\nfuture: true\n', text, '2025-03-06');
    assert.match(published!.contents, /\*\*Published\*\*: the date is 2 days ahead, but `future: true` in `_config.yml` publishes future posts now\./);
  });

  it("says when Jekyll cannot read the date, and that the build stops", async () => {
    const result = await hover('timezone: UTC\n', '---\ndate: 2025-13-45\n---\n', '2025-13');
    assert.match(result!.contents, /Invalid date '2025-13-45': Document '_posts\/2025-03-04-x\.md' does not have a valid date/);
    assert.match(result!.contents, /stops the whole build/);
  });

  it('names the layout file as a link, with the layouts it sits in', async () => {
    const files = { '/s/_layouts/post.html': '---\nlayout: default\n---\n{{ content }}\n', '/s/_layouts/default.html': '<html>{{ content }}</html>\n' };
    const result = await hover('title: S\n', '---\nlayout: post\n---\n', 'post', files);
    assert.equal(result?.range, 'post');
    assert.equal(result?.contents, '**layout** `post`: [_layouts/post.html](file:///s/_layouts/post.html)\n- inside `default`: [_layouts/default.html](file:///s/_layouts/default.html)');
  });

  it('says a layout is missing, and that the theme may provide it', async () => {
    const result = await hover('theme: minima\n', '---\nlayout: article\n---\n', 'article');
    assert.match(result!.contents, /^\*\*layout\*\* `article`: missing\.\n\nThe layout 'article' does not exist: there is no file _layouts\/article\.\* in the site\. Jekyll warns .* The site's theme 'minima' may provide it/);
    const plain = await hover('title: S\n', '---\nlayout: article\n---\n', 'article');
    assert.doesNotMatch(plain!.contents, /theme/);
  });

  it('has no hover on other keys, in the body, or on an earlier duplicate', async () => {
    assert.equal(await hover('title: S\n', '---\ntitle: x\n---\nlayout: post\n', 'itle'), undefined);
    assert.equal(await hover('title: S\n', '---\ntitle: x\n---\nlayout: post\n', 'ayout: post'), undefined);
    const dup = '---\nlayout: one\nlayout: two\n---\n';
    assert.equal(await hover('title: S\n', dup, 'one'), undefined);
    assert.match((await hover('title: S\n', dup, 'two'))!.contents, /`two`: missing/);
  });

  it('says durations in the largest unit', () => {
    assert.deepEqual([duration(30_000), duration(60_000), duration(7_200_000), duration(86_400_000 * 3 + 5)], ['less than a minute', '1 minute', '2 hours', '3 days']);
  });
});
