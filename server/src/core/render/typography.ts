/**
 * Kramdown's typography, ported rule for rule (parser/kramdown/smart_quotes.rb, typographic_symbol.rb): smart
 * quotes from RubyPants' regular expressions, `---` `--` `...` `<<` `>>` as dashes, ellipsis and guillemets. Ruby's
 * `\s` and `\w` are ASCII, so the classes are spelled out.
 */

const SP = '[ \\t\\n\\v\\f\\r]';
const W = '[A-Za-z0-9_]';
const SQ_PUNCT = '[!"#$%\'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]';
const SQ_CLOSE = '[^ \\\\\\t\\r\\n\\[{(-]';

type Subst = number | 'lquote1' | 'rquote1' | 'lquote2' | 'rquote2' | 'ldquo' | 'lsquo' | 'rsquo' | 'rdquo';

const RULES: Array<[RegExp, Subst[]]> = [
  [new RegExp(`(["'])(?=[_*]{1,2}[^ \\t\\n\\v\\f\\r])`, 'y'), ['lquote1']],
  // \B after a punctuation character: the next character is not a word character either.
  [new RegExp(`(["'])(?=${SQ_PUNCT}(?!\\.\\.)(?!${W}))`, 'y'), ['rquote1']],
  [new RegExp(`(${SP}?)"'(?=${W})`, 'y'), [1, 'ldquo', 'lsquo']],
  [new RegExp(`(${SP}?)'"(?=${W})`, 'y'), [1, 'lsquo', 'ldquo']],
  [new RegExp(`(${SP}?)'(?=[0-9][0-9]s)`, 'y'), [1, 'rsquo']],
  [new RegExp(`(${SP})(['"])(?=${W})`, 'y'), [1, 'lquote2']],
  [new RegExp(`(${SQ_CLOSE})(['"])`, 'yu'), [1, 'rquote2']],
  [new RegExp(`(["'])(?=${SP}|s(?!${W})|$)`, 'ym'), ['rquote1']],
  [/([\s\S]?)'/uy, [1, 'lsquo']],
  [/([\s\S]?)"/uy, [1, 'ldquo']],
];

const CHAR: Record<string, string> = { ldquo: '\u201c', rdquo: '\u201d', lsquo: '\u2018', rsquo: '\u2019' };

function quote(kind: Subst, mark: string): string {
  if (kind === 'lquote1' || kind === 'lquote2') return mark === '"' ? CHAR.ldquo : CHAR.lsquo;
  if (kind === 'rquote1' || kind === 'rquote2') return mark === '"' ? CHAR.rdquo : CHAR.rsquo;
  return CHAR[kind as string];
}

/** The group holding the quote mark for rules whose substitution names a quote kind after a group. */
function markOf(match: RegExpExecArray, kind: Subst): string {
  // lquote1/rquote1 read group 1, lquote2/rquote2 group 2 (the digit at the end of the name).
  const group = typeof kind === 'string' && /[12]$/.test(kind) ? Number(kind.slice(-1)) : 1;
  return match[group] ?? '"';
}

/** Applies the first smart-quote rule that matches at `at`; returns the text it gives and where it ends. */
function quoteAt(text: string, at: number): [string, number] {
  for (const [re, substs] of RULES) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) continue;
    let out = '';
    for (const subst of substs) out += typeof subst === 'number' ? (m[subst] ?? '') : quote(subst, markOf(m, subst));
    return [out, at + m[0].length];
  }
  return [text[at], at + 1];
}

const SYMBOLS: Array<[string, string]> = [
  ['---', '\u2014'],
  ['--', '\u2013'],
  ['...', '\u2026'],
  ['\\<<', '<<'],
  ['\\>>', '>>'],
  ['<< ', '\u00ab\u00a0'],
  [' >>', '\u00a0\u00bb'],
  ['<<', '\u00ab'],
  ['>>', '\u00bb'],
];
const SYMBOL_RE = /---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>/g;
const SYMBOL_OF = new Map(SYMBOLS);

/**
 * Dashes, ellipsis, guillemets and smart quotes in one pass, as kramdown's span parser meets them: the earliest match
 * wins, a smart quote before a symbol at the same place (`[^\\]?["']` starts one character before the quote).
 */
export function typography(text: string): string {
  if (!/["'.<>-]/.test(text)) return text;
  const quoteStart = /[^\\]?["']/gu;
  let out = '';
  let pos = 0;
  while (pos < text.length) {
    quoteStart.lastIndex = pos;
    SYMBOL_RE.lastIndex = pos;
    const q = quoteStart.exec(text);
    const s = SYMBOL_RE.exec(text);
    if (!q && !s) break;
    if (q && (!s || q.index <= s.index)) {
      out += text.slice(pos, q.index);
      const [quoted, end] = quoteAt(text, q.index);
      out += quoted;
      pos = end;
    } else if (s) {
      out += text.slice(pos, s.index) + (SYMBOL_OF.get(s[0]) ?? s[0]);
      pos = s.index + s[0].length;
    }
  }
  return out + text.slice(pos);
}
