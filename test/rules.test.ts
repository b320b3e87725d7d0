/** Every rule against its fixtures: the marked problems and no others, with stored ranges and messages; fixes re-checked. */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, collectFixEdits, fixAllText } from '../server/src/core/fixes';
import { lintPost } from '../server/src/core/lint';
import { gatherLocalImageFacts, type FileFacts } from '../server/src/core/localImages';
import { parsePost } from '../server/src/core/post';
import { remoteFacts, type RemoteImageFacts, type RemoteImageResult } from '../server/src/core/remote';
import { isPostRule } from '../server/src/core/rule';
import { RULE_CATALOG, RULES } from '../server/src/core/rules';
import { loadSite, type SiteContext } from '../server/src/core/site';
import { SourceIndex } from '../server/src/core/sourceIndex';
import type { Problem } from '../server/src/core/types';
import { FIXTURE_NOW, fixtureSite, listFixtures, readMarkers, SITE_ROOT, type Fixture } from './helpers/fixtures';
import { matchSnapshot } from './helpers/snapshots';

async function siteOf(fixture: Fixture, text: string): Promise<{ site: SiteContext; index: SourceIndex; files?: FileFacts; remote?: RemoteImageFacts }> {
  const workspace = fixtureSite(fixture.dir, fixture.file);
  const site = await loadSite(SITE_ROOT, workspace, RULE_CATALOG);
  // A fixture folder's `remote.json` holds the results of fetching its remote images, as the CLI would gather them.
  const remoteFile = path.join(fixture.dir, 'remote.json');
  const remote = existsSync(remoteFile) ? remoteFacts(JSON.parse(readFileSync(remoteFile, 'utf8')) as RemoteImageResult[]) : undefined;
  const index = new SourceIndex();
  // A fixture declares the other posts of its site with `# newsdesk-fixture-other-source: URL`.
  for (const match of text.matchAll(/newsdesk-fixture-other-source: (\S+)/g)) index.set('/site/_posts/2020-01-01-other.md', match[1]);
  // The files the post's local images point at, looked at before the check as the service does.
  const files = await gatherLocalImageFacts(parsePost(text, fixture.sitePath), site, FIXTURE_NOW, workspace);
  return { site, index, files, remote };
}

async function check(fixture: Fixture, text: string): Promise<{ problems: Problem[]; lineOf: (offset: number) => number; post: ReturnType<typeof parsePost> }> {
  const { site, index, files, remote } = await siteOf(fixture, text);
  const post = parsePost(text, fixture.sitePath);
  const problems = lintPost(post, { site, now: FIXTURE_NOW, index, files, remote, onRuleError: (id, error) => assert.fail(`rule ${id} threw: ${String(error)}`) });
  return { problems, lineOf: (offset) => post.lines.positionAt(offset).line, post };
}

const fixtures = listFixtures();

describe('rule fixtures', () => {
  it('has fixtures', () => assert.ok(fixtures.length > 0));
  for (const fixture of fixtures) {
    it(`${fixture.ruleId}: ${fixture.file.split('/').pop()}`, async () => {
      const text = readFileSync(fixture.file, 'utf8');
      const { problems, lineOf, post } = await check(fixture, text);
      const expected = readMarkers(text).map((m) => `${m.line + 1}: ${m.rule}`).sort();
      const actual = problems.map((p) => `${lineOf(p.offset) + 1}: ${p.rule}`).sort();
      assert.deepEqual(actual, expected, 'the problems found differ from the markers');

      const snapshotFile = fixture.file.replace(/\.(md|html|markdown)$/, '.expected.json');
      const snapshot = problems.map((p) => ({
        rule: p.rule,
        severity: p.severity,
        start: post.lines.positionAt(p.offset),
        end: post.lines.positionAt(p.offset + p.length),
        message: p.message,
        fixes: p.fixes.map((f) => f.title + (f.preferred ? ' (preferred)' : '')),
      }));
      matchSnapshot(snapshotFile, snapshot);

      const fixedFile = fixture.file.replace(/\.(md|html|markdown)$/, '.fixed.$1');
      if (existsSync(fixedFile)) {
        const { site, index, files, remote } = await siteOf(fixture, text);
        const lint = (source: string) =>
          lintPost(parsePost(source, fixture.sitePath), { site, now: FIXTURE_NOW, index, files, remote, onRuleError: (id, error) => assert.fail(`rule ${id} threw: ${String(error)}`) });
        const current =
          fixAllText(text, {
            check: (source) => {
              const post = parsePost(source, fixture.sitePath);
              return { post, problems: lint(source) };
            },
            onUnsafeFix: (fix, reason) => assert.fail(`the fix "${fix.title}" was dropped: ${reason}`),
          }) ?? text;
        const currentProblems = lint(current);
        assert.equal(current, readFileSync(fixedFile, 'utf8'), `the fixed text differs from ${fixedFile}`);
        const fixedRules = new Set(problems.filter((p) => p.fixes.some((f) => f.preferred)).map((p) => p.rule));
        const left = currentProblems.filter((p) => fixedRules.has(p.rule) && p.fixes.some((f) => f.preferred));
        assert.deepEqual(left.map((p) => p.rule), [], 'the fixed text still has fixable problems');
      }

      // `X.offered.fixed.md`: the text after taking the first fix offered for each problem of the fixture's own rule,
      // preferred or not (what an author gets by picking it from the quick-fix menu); the rule is then satisfied.
      const offeredFile = fixture.file.replace(/\.(md|html|markdown)$/, '.offered.fixed.$1');
      if (existsSync(offeredFile)) {
        const own = problems.filter((p) => p.rule === fixture.ruleId && p.fixes.length > 0);
        assert.ok(own.length > 0, `no fix offered for ${fixture.ruleId}, but ${offeredFile} exists`);
        const fixedText = applyEdits(text, collectFixEdits(own)).text;
        assert.equal(fixedText, readFileSync(offeredFile, 'utf8'), `the text after the offered fix differs from ${offeredFile}`);
        const { site, index, files, remote } = await siteOf(fixture, fixedText);
        const after = lintPost(parsePost(fixedText, fixture.sitePath), { site, now: FIXTURE_NOW, index, files, remote, onRuleError: (id, error) => assert.fail(`rule ${id} threw: ${String(error)}`) });
        assert.deepEqual(after.filter((p) => p.rule === fixture.ruleId).map((p) => p.message), [], 'the offered fix does not satisfy the rule');
      }
    });
  }
});

describe('rule registry', () => {
  it('every post rule has at least one fixture that reports it', async () => {
    const reported = new Set(fixtures.flatMap((f) => readMarkers(readFileSync(f.file, 'utf8')).map((m) => m.rule)));
    const missing = RULES.filter((r) => isPostRule(r) && !reported.has(r.id)).map((r) => r.id);
    assert.deepEqual(missing, []);
  });
  it('every fixture folder names a rule', () => {
    const ids = new Set(RULES.map((r) => r.id));
    assert.deepEqual([...new Set(fixtures.map((f) => f.ruleId))].filter((id) => !ids.has(id)), []);
  });
  it('rule ids are unique and well formed, with docs', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of RULES) {
      assert.match(rule.id, /^(front-matter|date|filename|author|from|tags|categories|title|layout|published|comments|config|data|file|image|body)\/[a-z-]+$/);
      assert.ok(rule.docs.length > 60, `${rule.id} needs docs`);
      assert.ok(rule.description.length > 10, `${rule.id} needs a description`);
    }
  });
});
