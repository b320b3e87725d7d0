/** gray-matter, configured to agree with the ranged parse: same data on every fixture post and corpus post. */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseFrontMatter } from '../server/src/core/frontMatter';
import { readMatter } from '../server/src/core/matter';
import { listFixtures } from './helpers/fixtures';
import { REPO } from './helpers/cli';

function ranged(text: string): Record<string, unknown> {
  const fm = parseFrontMatter(text);
  return fm?.closeRange ? fm.data : {};
}

describe('readMatter (gray-matter)', () => {
  it('reads YAML 1.1 as Psych does, with a BOM and a ... closer', () => {
    const result = readMatter('\ufeff---\ntitle: "Storm\n\n"\ncomments: True\ndate: 2024-01-15\n...\nFirst paragraph.\n\nSecond.\n');
    assert.deepEqual(result.data, { title: 'Storm\n', comments: true, date: '2024-01-15' });
    assert.equal(result.content, 'First paragraph.\n\nSecond.\n');
    assert.equal(result.excerpt, 'First paragraph.');
  });
  it('gives no data when Jekyll reads no front matter', () => {
    assert.deepEqual(readMatter('---\ntitle: x\nnever closed\n').data, {});
    assert.deepEqual(readMatter('plain text').data, {});
  });
  it('agrees with the ranged parse on every fixture post', () => {
    for (const fixture of listFixtures()) {
      const text = readFileSync(fixture.file, 'utf8');
      assert.deepEqual(readMatter(text).data, ranged(text), fixture.file);
    }
  });
  const corpus = path.resolve(REPO, '../shared/corpus/_posts');
  it('agrees with the ranged parse on every corpus post', { skip: existsSync(corpus) ? false : '../shared/corpus is not beside this checkout' }, () => {
    const files = readdirSync(corpus);
    assert.equal(files.length, 301);
    for (const name of files) {
      const text = readFileSync(path.join(corpus, name), 'utf8');
      assert.deepEqual(readMatter(text).data, ranged(text), name);
    }
  });
});
