/** The CLI under hostile files: every file gets an entry, nothing else is lost, --fix never damages a file. */
import { strict as assert } from 'node:assert';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeSafely } from '../server/src/cli/check';
import { runCli } from './helpers/cli';
import { GOOD } from './helpers/posts';

const FIXABLE = GOOD.replace('"Bridge reopens"', '"  Bridge reopens "');

interface Entry {
  file: string;
  problems: Array<{ rule: string; severity: string; message: string }>;
  fixed?: boolean;
  notWritten?: string;
}

describe('newsdesk check: hostile files', () => {
  let site: string;
  const at = (...parts: string[]) => path.join(site, ...parts);
  before(() => {
    site = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-hostile-'));
    mkdirSync(at('_posts'));
    mkdirSync(at('_data'));
    mkdirSync(at('_layouts'));
    writeFileSync(at('_layouts', 'post.html'), '{{ content }}');
    writeFileSync(at('_config.yml'), 'title: Site\nsass:\n  style: :expanded\n');
    writeFileSync(at('_data', 'authors.yml'), 'desk: &d {name: City Desk}\n' + Array.from({ length: 150 }, (_, i) => `alias${i}: *d`).join('\n') + '\n');
    writeFileSync(at('_data', 'broken.yml'), 'a: [1\n');
    execFileSync('mkfifo', [at('_posts', '2025-01-01-pipe.md')]);
    symlinkSync('/dev/zero', at('_posts', '2025-01-02-zero.md'));
    writeFileSync(at('_posts', '2025-03-04-good.md'), GOOD);
    writeFileSync(at('_posts', '2025-01-04-latin1.md'), Buffer.concat([Buffer.from(FIXABLE.replace('bridge', 'latin1').replace('open again', 'open again caf')), Buffer.from([0xe9, 0x0a])]));
    writeFileSync(at('_posts', '2025-01-05-readonly.md'), FIXABLE.replace('bridge', 'readonly'));
    chmodSync(at('_posts', '2025-01-05-readonly.md'), 0o444);
    writeFileSync(at('_posts', `2025-01-06-${'long'.repeat(60)}.md`), FIXABLE.replace('bridge', 'long'));
    writeFileSync(at('_posts', '2025-01-07-cr.md'), GOOD.replace('from: https://example.com/bridge', 'from:\r https://example.com/cr'));
  });
  after(() => rmSync(site, { recursive: true, force: true }));

  it('checks the site as a whole: _config.yml and _data errors count, special files get an entry', () => {
    const result = runCli(['check', '--format', 'json', site]);
    assert.equal(result.status, 1, result.stderr);
    const entries = JSON.parse(result.stdout) as Entry[];
    const of = (name: string) => entries.find((e) => e.file.endsWith(name));
    assert.deepEqual(of('_config.yml')?.problems.map((p) => p.rule), ['config/ruby-object']);
    assert.deepEqual(of('broken.yml')?.problems.map((p) => p.rule), ['data/yaml-syntax']);
    assert.deepEqual(of('authors.yml')?.problems, [], 'many aliases are valid YAML');
    assert.deepEqual(of('pipe.md')?.problems.map((p) => p.rule), ['file/not-a-file']);
    assert.deepEqual(of('zero.md')?.problems.map((p) => p.rule), ['file/not-a-file']);
    assert.deepEqual(of('good.md')?.problems, []);
    assert.ok(of('latin1.md')?.problems.some((p) => p.rule === 'file/encoding'));
    assert.equal(entries.length, 10);
  });

  it('exits 0 on the same site once the config is repaired (the config error alone made it 1)', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-site-'));
    try {
      cpSync(at('_layouts'), path.join(other, '_layouts'), { recursive: true });
      mkdirSync(path.join(other, '_posts'));
      writeFileSync(path.join(other, '_posts', '2025-03-04-good.md'), GOOD);
      writeFileSync(path.join(other, '_config.yml'), 'sass:\n  style: :expanded\n');
      assert.equal(runCli(['check', other]).status, 1);
      writeFileSync(path.join(other, '_config.yml'), 'sass:\n  style: expanded\n');
      assert.equal(runCli(['check', other]).status, 0);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('--fix writes only safe files and says which were not written', () => {
    const before = new Map(readdirSync(at('_posts')).filter((n) => !/pipe|zero/.test(n)).map((n) => [n, readFileSync(at('_posts', n))]));
    const result = runCli(['check', '--fix', '--format', 'json', site]);
    assert.equal(result.status, 1, result.stderr);
    const entries = JSON.parse(result.stdout) as Entry[];
    const of = (name: string) => entries.find((e) => e.file.endsWith(name)) as Entry;
    // The long name is fixed through a short temporary name.
    const long = readdirSync(at('_posts')).find((n) => n.includes('longlong')) as string;
    assert.equal(of(long).fixed, true, JSON.stringify(of(long)));
    assert.match(readFileSync(at('_posts', long), 'utf8'), /^title: "Bridge reopens"$/m);
    // Invalid UTF-8 and read-only files are left byte for byte, with the reason.
    assert.match(of('latin1.md').notWritten ?? '', /UTF-8/);
    assert.deepEqual(readFileSync(at('_posts', '2025-01-04-latin1.md')), before.get('2025-01-04-latin1.md'));
    assert.match(of('readonly.md').notWritten ?? '', /read-only/);
    assert.deepEqual(readFileSync(at('_posts', '2025-01-05-readonly.md')), before.get('2025-01-05-readonly.md'));
    assert.equal(statSync(at('_posts', '2025-01-05-readonly.md')).mode & 0o777, 0o444);
    // A fix whose result Psych would read differently (the bare CR) is never written.
    assert.deepEqual(readFileSync(at('_posts', '2025-01-07-cr.md')), before.get('2025-01-07-cr.md'));
    assert.deepEqual(readdirSync(at('_posts')).filter((n) => n.endsWith('.tmp')), []);
    const stylish = runCli(['check', '--fix', site]);
    assert.match(stylish.stdout, /not fixed: the file is read-only/);
  });

  it('does not overwrite a file that changed on disk after it was read', () => {
    const file = at('raced.md');
    writeFileSync(file, 'edited by someone else\n');
    assert.match(writeSafely(file, 'what was read\n', 'fixed\n') ?? '', /changed on disk/);
    assert.equal(readFileSync(file, 'utf8'), 'edited by someone else\n');
    assert.equal(writeSafely(file, 'edited by someone else\n', 'fixed\n'), undefined);
    assert.equal(readFileSync(file, 'utf8'), 'fixed\n');
  });

  it('a missing file among good ones: the good ones are still reported', () => {
    const result = runCli(['check', '--format', 'json', at('_posts', '2025-03-04-good.md'), at('_posts', 'nope.md')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /no such file/);
    assert.equal((JSON.parse(result.stdout) as Entry[]).length, 1);
  });
});
