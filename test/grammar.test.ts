/** The Liquid injection grammar: well formed, every pattern compiles, and it matches what a Jekyll post holds. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
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
const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as { scopeName: string; repository: Record<string, Rule>; patterns: Rule[] };

function allRegexes(rules: Rule[]): string[] {
  return rules.flatMap((rule) => [rule.match, rule.begin, rule.end].filter((r): r is string => r !== undefined).concat(allRegexes(rule.patterns ?? [])));
}

describe('Liquid injection grammar', () => {
  it('is contributed by package.json with this scope name', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const entry = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
    assert.equal(path.resolve(REPO, entry.path), grammarPath);
    assert.deepEqual(entry.injectTo, ['text.html.markdown', 'text.html.basic']);
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
