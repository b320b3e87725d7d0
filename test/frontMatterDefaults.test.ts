/** Jekyll's front-matter defaults (server/src/core/jekyll/defaults.ts), one merge for the layout render and new posts. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { frontMatterDefault } from '../server/src/core/jekyll/defaults';

describe('front-matter defaults', () => {
  it('merges the sets in order: one that does not take precedence only fills in (seen with Jekyll 4.3.1)', () => {
    // _posts/a/b/2024-01-01-t.md got layout "first": the set for _posts/a/b took precedence without a layout, and the
    // shorter _posts/a after it did not over it, so its layout only fills in what was missing (nothing).
    const config = {
      defaults: [
        { scope: { path: '' }, values: { layout: 'first' } },
        { scope: { path: '_posts/a/b' }, values: { author: 'x' } },
        { scope: { path: '_posts/a' }, values: { layout: 'third' } },
      ],
    };
    assert.equal(frontMatterDefault(config, '_posts/a/b/2024-01-01-t.md', 'posts', 'layout'), 'first');
    assert.equal(frontMatterDefault(config, '_posts/a/2024-01-01-t.md', 'posts', 'layout'), 'third');
  });

  it('reads the old singular types, and a type that is not the file\'s leaves the set out', () => {
    const config = { defaults: [{ scope: { path: '', type: 'post' }, values: { layout: 'post' } }, { scope: { path: '', type: 'pages' }, values: { layout: 'page' } }] };
    assert.equal(frontMatterDefault(config, '_posts/2024-01-01-t.md', 'posts', 'layout'), 'post');
    assert.equal(frontMatterDefault(config, 'about.md', 'pages', 'layout'), 'page');
    assert.equal(frontMatterDefault({}, 'about.md', 'pages', 'layout'), undefined);
  });
});
