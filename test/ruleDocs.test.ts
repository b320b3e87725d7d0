/** Diagnostics link to their rule's section of docs/rules.md: the address, and the anchor GitHub gives the heading. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { githubAnchor, ruleDocsUrl, RULES_DOC_URL } from '../server/src/core/ruleDocs';
import { RULES } from '../server/src/core/rules';
import { LineIndex } from '../server/src/core/position';
import { toDiagnostic } from '../server/src/lsp/convert';

const ROOT = path.resolve(__dirname, '..', '..');

describe('rule documentation links', () => {
  it('the docs address is docs/rules.md on the main branch of package.json repository.url', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
    const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    assert.equal(RULES_DOC_URL, `${repo}/blob/main/docs/rules.md`);
  });

  it('makes anchors as GitHub does', () => {
    assert.equal(githubAnchor('front-matter/duplicate-key'), 'front-matterduplicate-key');
    assert.equal(githubAnchor('Image: no alt (2)'), 'image-no-alt-2');
    assert.equal(githubAnchor('snake_case & Co.'), 'snake_case--co');
    assert.equal(githubAnchor('图片 说明'), '图片-说明');
  });

  it("every rule's anchor is the anchor of a heading of docs/rules.md", () => {
    const text = readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
    const anchors = new Set([...text.matchAll(/^#{1,6} +(.+?) *#* *$/gm)].map((m) => githubAnchor(m[1])));
    assert.ok(RULES.length > 50);
    for (const rule of RULES) {
      const href = ruleDocsUrl(rule.id);
      const anchor = href.slice(href.indexOf('#') + 1);
      assert.ok(anchors.has(anchor), `${rule.id}: #${anchor} is not a heading of docs/rules.md`);
    }
  });

  it('a diagnostic carries codeDescription.href to its rule; an internal failure carries none', () => {
    const lines = new LineIndex('date: x\n');
    const diagnostic = toDiagnostic({ rule: 'date/invalid', severity: 'error', message: 'm', offset: 6, length: 1, fixes: [] }, lines);
    assert.deepEqual(diagnostic.codeDescription, { href: `${RULES_DOC_URL}#dateinvalid` });
    const failure = toDiagnostic({ rule: 'internal/failure', severity: 'error', message: 'm', offset: 0, length: 0, fixes: [] }, lines);
    assert.equal(failure.codeDescription, undefined);
  });
});
