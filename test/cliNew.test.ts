/** `newsdesk new`: the post it writes, the path it prints, and the exit codes (1: exists, nothing written; 2: usage). */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from './helpers/cli';

describe('newsdesk new', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const site = (config = 'title: S\ntimezone: Asia/Shanghai\n'): string => {
    const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-new-'));
    dirs.push(root);
    writeFileSync(path.join(root, '_config.yml'), config);
    mkdirSync(path.join(root, '_layouts'));
    writeFileSync(path.join(root, '_layouts', 'post.html'), '{{ content }}');
    return root;
  };

  it('writes the post named after the title and prints its path; the checker finds no front-matter, date or file-name problem', () => {
    const root = site();
    const made = runCli(['new', '--title', '美中外长通话：讨论 维持沟通', '--date', '2024-01-15', root], root);
    assert.equal(made.status, 0, made.stderr);
    assert.equal(made.stdout, '_posts/2024-01-15-美中外长通话-讨论-维持沟通.md\n');
    const text = readFileSync(path.join(root, made.stdout.trim()), 'utf8');
    assert.match(text, /^---\nlayout: post\ntitle: "美中外长通话：讨论 维持沟通"\ndate: 2024-01-15 \d\d:\d\d:\d\d \+0800\nauthor:\nfrom:\ntags:\n---\n\n$/);
    const checked = runCli(['check', '--format', 'json', root], root);
    const [report] = (JSON.parse(checked.stdout) as Array<{ file: string; problems: Array<{ rule: string }> }>).filter((r) => r.file.includes('_posts'));
    assert.deepEqual(report.problems.map((p) => p.rule).filter((rule) => /^(front-matter|date|filename|file)\//.test(rule)), []);
  });

  it('dates the post today in the site’s zone without --date, from a folder inside the site', () => {
    const root = site('title: S\ntimezone: Pacific/Kiritimati\n');
    mkdirSync(path.join(root, '_posts'));
    const made = runCli(['new', '--title=Hello, World!'], path.join(root, '_posts'));
    assert.equal(made.status, 0, made.stderr);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(new Date());
    assert.equal(made.stdout, `${today}-hello-world.md\n`);
    assert.match(readFileSync(path.join(root, '_posts', made.stdout.trim()), 'utf8'), new RegExp(`\\ndate: ${today} \\d\\d:\\d\\d:\\d\\d \\+1400\\n`));
  });

  it('never overwrites: an existing post is left as it is, exit 1', () => {
    const root = site();
    mkdirSync(path.join(root, '_posts'));
    const existing = path.join(root, '_posts', '2024-01-15-storm.md');
    writeFileSync(existing, 'my article\n');
    const again = runCli(['new', '--title', 'Storm', '--date', '2024-01-15', root], root);
    assert.equal(again.status, 1);
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /_posts\/2024-01-15-storm\.md already exists; nothing was written/);
    assert.equal(readFileSync(existing, 'utf8'), 'my article\n');
  });

  it('uses the site’s template (newsdesk: new_post_template:)', () => {
    const root = site('title: S\ntimezone: UTC\nnewsdesk:\n  required: [title, date, from]\n  new_post_template: _templates/post.md\n');
    mkdirSync(path.join(root, '_templates'));
    writeFileSync(path.join(root, '_templates', 'post.md'), '---\nlayout: news\ntitle:\ncategories: [world]\n---\n\nLead paragraph.\n');
    const made = runCli(['new', '--title', 'A "quoted" title', '--date', '2024-01-15', root], root);
    assert.equal(made.status, 0, made.stderr);
    assert.match(readFileSync(path.join(root, made.stdout.trim()), 'utf8'), /^---\nlayout: news\ntitle: "A \\"quoted\\" title"\ndate: 2024-01-15 \d\d:\d\d:\d\d \+0000\ncategories: \[world\]\nfrom:\n---\n\nLead paragraph\.\n$/);
    rmSync(path.join(root, '_templates', 'post.md'));
    const missing = runCli(['new', '--title', 'Other', root], root);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /template _templates\/post\.md .* cannot be read/);
  });

  it('bad usage exits 2 and writes nothing', () => {
    const root = site();
    const noSite = mkdtempSync(path.join(tmpdir(), 'newsdesk-new-none-'));
    dirs.push(noSite);
    const cases: Array<[string[], RegExp]> = [
      [['new', root], /needs --title/],
      [['new', '--title', '   ', root], /needs --title/],
      [['new', '--title'], /--title needs a value/],
      [['new', '--title', 'x', '--date', '2024-02-30', root], /'2024-02-30' is not a day/],
      [['new', '--title', '！？', root], /no letter or digit/],
      [['new', '--title', 'x', '--draft', root], /Unknown option '--draft'/],
      [['new', '--title', 'x', root, root], /one site folder/],
      [['new', '--title', 'x', noSite], /no _config\.yml in .* or any folder above it/],
    ];
    for (const [args, message] of cases) {
      const run = runCli(args, root);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
    assert.deepEqual(readdirSync(root).sort(), ['_config.yml', '_layouts']);
  });
});
