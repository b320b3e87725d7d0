/** The Liquid injection grammar: well formed, every pattern compiles, and it matches what a Jekyll post holds. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './helpers/cli';

interface Rule {
  match?: string;
  begin?: string;
  end?: string;
  patterns?: Rule[];
}

const grammarPath = path.join(REPO, 'syntaxes/liquid-injection.tmLanguage.json');
const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as { scopeName: string; injectionSelector: string; repository: Record<string, Rule>; patterns: Rule[] };

function allRegexes(rules: Rule[]): string[] {
  return rules.flatMap((rule) => [rule.match, rule.begin, rule.end].filter((r): r is string => r !== undefined).concat(allRegexes(rule.patterns ?? [])));
}

describe('Liquid injection grammar', () => {
  it('is contributed by package.json with this scope name', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const entry = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
    assert.equal(path.resolve(REPO, entry.path), grammarPath);
    assert.deepEqual(entry.injectTo, ['text.html.markdown', 'text.html.basic', 'text.html.derivative']);
    // VS Code reads .html files with the root scope text.html.derivative: the selector must name it too.
    for (const root of entry.injectTo) assert.match(grammar.injectionSelector, new RegExp(`L:${root.replace(/\./g, '\\.')}\\b`));
  });
  it('has only patterns that compile and includes that resolve', () => {
    const regexes = allRegexes([...grammar.patterns, ...Object.values(grammar.repository)]);
    assert.ok(regexes.length > 10);
    for (const source of regexes) assert.doesNotThrow(() => new RegExp(source), source);
    const includes = JSON.stringify(grammar).match(/"include":"#(\w+)"/g) ?? [];
    for (const include of includes) assert.ok(grammar.repository[include.slice(12, -1)], include);
  });
  it('recognizes Liquid tags and output as they appear in posts', () => {
    const tag = new RegExp(grammar.repository.tag.begin!);
    assert.deepEqual([...('{%- if page.comments -%}'.match(tag) ?? [])].slice(1), ['{%-', 'if']);
    assert.match('{{ page.title | escape }}', new RegExp(grammar.repository.output.begin!));
    assert.match('{% raw %}', new RegExp(grammar.repository.raw.begin!));
    assert.doesNotMatch('{ not liquid }', new RegExp(grammar.repository.output.begin!));
  });
});

describe('front-matter injection grammar (vscode-tmgrammar-test)', () => {
  const runner = path.join(REPO, 'node_modules/vscode-tmgrammar-test/dist/unit.js');
  // Stand-ins for VS Code's HTML and Markdown root grammars: the package.json grammars are loaded on top of them.
  const stubs = ['test/grammar/html.stub.tmLanguage.json', 'test/grammar/markdown.stub.tmLanguage.json'].flatMap((stub) => ['-g', path.join(REPO, stub)]);
  const run = (cases: string) => spawnSync(process.execPath, [runner, ...stubs, cases], { cwd: REPO, encoding: 'utf8' });

  it('is contributed for HTML files (text.html.derivative is the root scope of VS Code\'s html language)', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const entry = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === 'frontmatter.injection.newsdesk');
    assert.deepEqual(entry.injectTo, ['text.html.derivative', 'text.html.basic']);
  });

  it('scopes the keys of an HTML post\'s front matter, only from the first line, and leaves Markdown to VS Code', () => {
    const result = run('test/grammar/*.test.*');
    assert.equal(result.status, 0, result.stdout + result.stderr);
    for (const file of ['front-matter.test.html', 'not-first-line.test.html', 'markdown.test.md']) assert.match(result.stdout, new RegExp(`✓ test/grammar/${file.replace('.', '\\.')} run successfuly`));
  });

  it('fails a test case whose expected scope the grammar does not give', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-grammar-'));
    try {
      writeFileSync(path.join(dir, 'wrong.test.html'), '<!-- SYNTAX TEST "text.html.derivative" "a wrong expectation"\n---\nlayout: post\n<!--    ^^^^ entity.name.tag.yaml\n---\n');
      const result = run(path.join(dir, '*.test.html'));
      assert.notEqual(result.status, 0);
      assert.match(result.stdout, /missing required scopes: entity\.name\.tag\.yaml/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
