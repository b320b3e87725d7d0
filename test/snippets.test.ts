/**
 * The snippets (contributes.snippets): each expands, with its placeholders' defaults, into text the checker accepts,
 * in Markdown and HTML posts. The expansion follows VS Code's snippet grammar for what the files use: tab stops,
 * placeholders (nested), choices, variables with defaults and transforms, and `\` escapes.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { createLanguageService } from '../server/src/core/service';
import { MemoryWorkspace } from '../server/src/core/workspace';

const ROOT = path.resolve(__dirname, '..', '..');

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

/** The variables VS Code fills, at 2024-01-15 09:30:05 on a machine 8 hours east of UTC. */
const VARIABLES: Record<string, string> = {
  CURRENT_YEAR: '2024',
  CURRENT_MONTH: '01',
  CURRENT_DATE: '15',
  CURRENT_HOUR: '09',
  CURRENT_MINUTE: '30',
  CURRENT_SECOND: '05',
  CURRENT_TIMEZONE_OFFSET: '+08:00',
};

/** VS Code's expansion of a snippet body with every placeholder left at its default. */
export function expandSnippet(body: string, variables: Record<string, string> = VARIABLES): string {
  let at = 0;
  const fail = (what: string): never => assert.fail(`${what} at ${at} in ${JSON.stringify(body)}`);
  /** Text up to an unescaped `stop` character (or the end), expanded. */
  const any = (stops: string): string => {
    let out = '';
    while (at < body.length && !stops.includes(body[at])) {
      const c = body[at];
      if (c === '\\' && at + 1 < body.length && '$}\\,|'.includes(body[at + 1])) {
        out += body[at + 1];
        at += 2;
      } else if (c === '$') out += dollar();
      else {
        out += c;
        at++;
      }
    }
    return out;
  };
  const name = (): string => {
    const m = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(body.slice(at));
    if (!m) return fail('a tab stop or variable name');
    at += m[1].length;
    return m[1];
  };
  const until = (stop: string): string => {
    let out = '';
    while (at < body.length && body[at] !== stop) {
      if (body[at] === '\\' && at + 1 < body.length) out += body[at++];
      out += body[at++];
    }
    if (body[at] !== stop) fail(`'${stop}'`);
    at++;
    return out;
  };
  const dollar = (): string => {
    at++;
    if (body[at] !== '{') {
      const id = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(body.slice(at))?.[1];
      if (!id) return '$';
      at += id.length;
      return /^\d+$/.test(id) ? '' : (variables[id] ?? id);
    }
    at++;
    const id = name();
    const isTabStop = /^\d+$/.test(id);
    const value = isTabStop ? '' : variables[id];
    let out: string;
    if (body[at] === '}') out = isTabStop ? '' : (value ?? id);
    else if (body[at] === ':') {
      at++;
      const fallback = any('}');
      out = isTabStop ? fallback : (value ?? fallback);
    } else if (body[at] === '|') {
      at++;
      out = until('|').split(/(?<!\\),/)[0].replace(/\\(.)/g, '$1');
    } else if (body[at] === '/') {
      at++;
      const regex = until('/');
      const format = until('/');
      const flags = /^[gimsuy]*/.exec(body.slice(at))?.[0] ?? '';
      at += flags.length;
      out = (value ?? '').replace(new RegExp(regex, flags), (...groups: string[]) => format.replace(/\$(\d+)|\$\{(\d+)\}/g, (_, a: string, b: string) => groups[Number(a ?? b)] ?? ''));
    } else return fail("'}', ':', '|' or '/'");
    if (body[at] !== '}') fail("'}'");
    at++;
    return out;
  };
  const out = any('');
  return out;
}

const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, Snippet>;
const bodyText = (snippet: Snippet) => (Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);

interface Contribution {
  language: string;
  path: string;
}
const contributions = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: Contribution[] } }).contributes.snippets;

/** The snippets a language gets, by name. */
function snippetsOf(language: string): Map<string, Snippet> {
  const out = new Map<string, Snippet>();
  for (const c of contributions.filter((c) => c.language === language)) for (const [name, snippet] of Object.entries(read(c.path))) out.set(name, snippet);
  return out;
}

const FRONT_MATTER = '---\nlayout: post\ntitle: "Harbour reopens"\ndate: 2024-01-15 09:30:00 +0800\nauthor: Desk\nfrom: https://example.com/harbour\ntags: [harbour]\n---\n';
const NOW = new Date('2024-06-01T00:00:00Z');

describe('snippets', () => {
  it('the expander follows VS Code’s grammar', () => {
    assert.equal(expandSnippet('a ${1:b ${2:c}} $3 ${4|x,y|} $0'), 'a b c  x ');
    assert.equal(expandSnippet('${CURRENT_TIMEZONE_OFFSET/://} ${NOPE:d} $CURRENT_YEAR \\$1 ${1:{{ x \\}\\}}'), '+0800 d 2024 $1 {{ x }}');
  });

  it('are contributed for Markdown and HTML, every file exists, the five kinds in both', () => {
    assert.deepEqual([...new Set(contributions.map((c) => c.language))].sort(), ['html', 'markdown']);
    for (const language of ['markdown', 'html']) {
      const names = [...snippetsOf(language).keys()].sort();
      assert.deepEqual(names, ['Figure with caption', 'Front matter of a new post', 'Lead image with caption', 'Pull quote', 'Source line'], language);
    }
    const manifestCheck = readFileSync(path.join(ROOT, 'scripts', 'package.mjs'), 'utf8');
    const ignore = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    for (const c of contributions) {
      const file = c.path.replace(/^\.\//, '');
      assert.ok(manifestCheck.includes(`'extension/${file}'`), `scripts/package.mjs checks that the .vsix holds ${file}`);
      assert.ok(ignore.includes(`!${path.posix.dirname(file)}/*.json`), `.vscodeignore lets ${file} into the .vsix`);
    }
  });

  it('the front matter snippet dates the post now, with the offset written +HHMM', () => {
    const body = expandSnippet(bodyText(snippetsOf('markdown').get('Front matter of a new post') as Snippet));
    assert.match(body, /^date: 2024-01-15 09:30:05 \+0800$/m);
  });

  for (const language of ['markdown', 'html']) {
    it(`each ${language} snippet, filled with its defaults, passes the checker with no problem at all`, async () => {
      const ext = language === 'markdown' ? 'md' : 'html';
      const workspace = new MemoryWorkspace({ '/s/_config.yml': 'title: S\ntimezone: Asia/Shanghai\n', '/s/_layouts/post.html': '{{ content }}' });
      const service = createLanguageService({ workspace, now: () => NOW });
      for (const [name, snippet] of snippetsOf(language)) {
        const expanded = expandSnippet(bodyText(snippet));
        const paragraph = (text: string) => (language === 'markdown' ? `${text}\n` : `<p>${text}</p>\n`);
        const text = name === 'Front matter of a new post'
          ? `${expanded}${paragraph('The harbour reopened on Monday.')}`
          : `${FRONT_MATTER}${paragraph('The harbour reopened on Monday.')}\n${expanded}\n${paragraph('Ferries run every hour.')}`;
        const result = await service.checkDocument({ path: `/s/_posts/2024-01-15-${name.toLowerCase().replace(/ /g, '-')}.${ext}`, text });
        assert.deepEqual(result.problems.map((p) => `${p.rule}: ${p.message}`), [], `${language} ${name}:\n${text}`);
      }
    });
  }
});
