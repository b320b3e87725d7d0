/** The command-line checker as a user runs it: formats, exit codes, --fix, worker threads, bad input. */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FIXTURES } from './helpers/fixtures';
import { runCli } from './helpers/cli';
import { GOOD } from './helpers/posts';


describe('newsdesk check', () => {
  let site: string;
  const post = (name: string) => path.join(site, '_posts', name);
  before(() => {
    site = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-'));
    cpSync(path.join(FIXTURES, 'site'), site, { recursive: true });
    mkdirSync(path.join(site, '_posts'), { recursive: true });
    writeFileSync(post('2025-03-04-bridge.md'), GOOD);
    writeFileSync(post('2025-03-05-bad-date.md'), GOOD.replace('2025-03-04 09:30', '2025-13-05 09:30').replace('bridge', 'bad-date'));
    writeFileSync(post('2025-03-06-fixable.md'), GOOD.replace('"Bridge reopens"', '"  Bridge &amp; tunnel reopen "').replace('[transport]', 'transport news').replace('bridge', 'fixable').replace('2025-03-04', '2025-03-06'));
    writeFileSync(post('2025-03-07-broken-yaml.md'), GOOD.replace('[transport]', '[transport').replace('bridge', 'broken').replace('2025-03-04', '2025-03-07'));
  });
  after(() => rmSync(site, { recursive: true, force: true }));

  it('prints JSON with 0-based ranges and exits 1 on errors', () => {
    const result = runCli(['check', '--format', 'json', post('2025-03-05-bad-date.md')]);
    assert.equal(result.status, 1);
    const [entry] = JSON.parse(result.stdout) as Array<{ file: string; problems: Array<{ rule: string; severity: string; range: unknown }> }>;
    assert.equal(entry.file, post('2025-03-05-bad-date.md'));
    const invalid = entry.problems.find((p) => p.rule === 'date/invalid');
    assert.deepEqual(invalid?.range, { start: { line: 3, character: 6 }, end: { line: 3, character: 31 } });
    assert.equal(invalid?.severity, 'error');
  });

  it('exits 0 when there are no errors, and prints a stylish summary', () => {
    const result = runCli(['check', post('2025-03-04-bridge.md')]);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /1 file checked: 0 problems/);
  });

  it('writes SARIF 2.1.0 with rules and 1-based regions', () => {
    const result = runCli(['check', '--format', 'sarif', post('2025-03-05-bad-date.md')]);
    const sarif = JSON.parse(result.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    const res = run.results.find((r: { ruleId: string }) => r.ruleId === 'date/invalid');
    assert.equal(res.level, 'error');
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 4, startColumn: 7, endLine: 4, endColumn: 32 });
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, 'date/invalid');
  });

  it('--config uses another _config.yml for the settings', () => {
    const file = post('2025-03-06-fixable.md');
    const before = runCli(['check', '--format', 'json', file]);
    assert.ok((JSON.parse(before.stdout) as Array<{ problems: Array<{ rule: string }> }>)[0].problems.some((p) => p.rule === 'tags/string'));
    const config = path.join(site, 'strict.yml');
    writeFileSync(config, 'timezone: Asia/Shanghai\nnewsdesk:\n  rules:\n    tags/string: off\n    title/whitespace: error\n');
    const after = runCli(['check', '--format', 'json', '--config', config, file]);
    const problems = (JSON.parse(after.stdout) as Array<{ problems: Array<{ rule: string; severity: string }> }>)[0].problems;
    assert.ok(!problems.some((p) => p.rule === 'tags/string'));
    assert.equal(problems.find((p) => p.rule === 'title/whitespace')?.severity, 'error');
    assert.equal(after.status, 1);
  });

  it('exits 2 with a reason on bad usage', () => {
    for (const args of [['check'], ['check', '--format', 'xml', 'x.md'], ['lint', 'x.md'], ['check', '--bogus', 'x.md']]) {
      const result = runCli(args);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /newsdesk: /);
    }
    const missing = runCli(['check', path.join(site, 'nope.md')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file/);
  });

  it('--fix writes only the files it changed, and never a file it could not parse', () => {
    const before = new Map(readdirSync(path.join(site, '_posts')).map((name) => [name, { text: readFileSync(post(name), 'utf8'), mtime: statSync(post(name)).mtimeMs }]));
    const result = runCli(['check', '--fix', '--format', 'json', path.join(site, '_posts')]);
    assert.equal(result.status, 1, result.stderr);
    const fixed = readFileSync(post('2025-03-06-fixable.md'), 'utf8');
    assert.match(fixed, /^title: "Bridge & tunnel reopen"$/m);
    assert.match(fixed, /^tags: \[transport, news\]$/m);
    assert.equal(fixed.split('---\n')[2], before.get('2025-03-06-fixable.md')?.text.split('---\n')[2], 'the body is untouched');
    for (const name of ['2025-03-04-bridge.md', '2025-03-05-bad-date.md', '2025-03-07-broken-yaml.md']) {
      assert.equal(readFileSync(post(name), 'utf8'), before.get(name)?.text, `${name} must not change`);
      assert.equal(statSync(post(name)).mtimeMs, before.get(name)?.mtime, `${name} must not be written`);
    }
    assert.deepEqual(readdirSync(path.join(site, '_posts')).filter((n) => n.endsWith('.tmp')), [], 'no temporary file left');
    const entries = JSON.parse(result.stdout) as Array<{ file: string; problems: Array<{ rule: string }> }>;
    const fixedEntry = entries.find((e) => e.file.endsWith('fixable.md'));
    assert.deepEqual(fixedEntry?.problems.map((p) => p.rule), [], 'the fixed file is checked again and clean');
  });

  it('gives the same output on worker threads as on one thread', () => {
    const many = mkdtempSync(path.join(tmpdir(), 'newsdesk-many-'));
    try {
      cpSync(path.join(FIXTURES, 'site'), many, { recursive: true });
      mkdirSync(path.join(many, '_posts'));
      for (let i = 0; i < 220; i++) {
        const day = String((i % 28) + 1).padStart(2, '0');
        const text = GOOD.replace('2025-03-04', `2025-02-${day}`).replace('bridge', `story-${i % 150}`).replace('"Bridge reopens"', i % 7 === 0 ? '" Padded "' : `"Story ${i}"`);
        writeFileSync(path.join(many, '_posts', `2025-02-${day}-story-${i}.md`), i % 11 === 0 ? text.replace('[transport]', 'a b') : text);
      }
      const one = runCli(['check', '--format', 'json', '--workers', '1', path.join(many, '_posts')]);
      const two = runCli(['check', '--format', 'json', '--workers', '2', path.join(many, '_posts')]);
      assert.equal(one.status, two.status);
      assert.equal(two.stdout, one.stdout);
      assert.equal((JSON.parse(one.stdout) as unknown[]).length, 220);
    } finally {
      rmSync(many, { recursive: true, force: true });
    }
  });

  it('survives bad input: binary, empty, BOM, CRLF and a broken _config.yml', () => {
    const odd = mkdtempSync(path.join(tmpdir(), 'newsdesk-odd-'));
    try {
      mkdirSync(path.join(odd, '_posts'));
      writeFileSync(path.join(odd, '_config.yml'), 'timezone: [unclosed\nnewsdesk:\n  rules: 5\n');
      writeFileSync(path.join(odd, '_posts', '2025-01-01-binary.md'), Buffer.from([0, 255, 254, 1, 2, 3, 0x2d, 0x2d, 0x2d, 10]));
      writeFileSync(path.join(odd, '_posts', '2025-01-02-empty.md'), '');
      writeFileSync(path.join(odd, '_posts', '2025-01-03-bom.md'), '\ufeff' + GOOD.replace(/\n/g, '\r\n'));
      writeFileSync(path.join(odd, '_posts', '2025-01-04-only-dashes.md'), '---\n---\n');
      const result = runCli(['check', '--format', 'json', path.join(odd, '_posts'), path.join(odd, '_config.yml')]);
      assert.ok(result.status === 0 || result.status === 1, result.stderr);
      const entries = JSON.parse(result.stdout) as Array<{ file: string; problems: Array<{ rule: string }> }>;
      assert.equal(entries.length, 5);
      const config = entries.find((e) => e.file.endsWith('_config.yml'));
      assert.ok(config?.problems.some((p) => p.rule === 'config/yaml-syntax'));
      const bom = entries.find((e) => e.file.endsWith('bom.md'));
      assert.ok(!bom?.problems.some((p) => p.rule.startsWith('front-matter/')), JSON.stringify(bom?.problems));
    } finally {
      rmSync(odd, { recursive: true, force: true });
    }
  });
});
