/**
 * A first pass over front matter made only of the lines almost every post has: `key: plain value`, `key: "quoted"`
 * (no escapes but `\"` and `\\`), `key: 'quoted'`, `key: [ flow, list ]`, `key:` (nil), blank lines and whole-line
 * comments. It yields exactly what the full parse (the `yaml` package, then Psych's rules) yields for them, at a small
 * fraction of the cost, and gives up (undefined) on anything else, which the full parse then reads.
 * test/simpleFrontMatter.test.ts holds it to that over the fixtures, the corpus and a seeded fuzz of front-matter
 * shapes.
 */
import type { FrontMatter, FrontMatterEntry, Range, YamlItem } from './frontMatter';
import { plainPsychValue, psychKeyText, resolvePlainScalar, setOwn, type PsychValue } from './jekyll/psych';

/** A key that YAML can only read as a plain one-line scalar; longer keys meet the 1024-character implicit-key limit. */
const KEY_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;
/** Characters that YAML treats specially anywhere on a line (tabs, controls, other line breaks, a BOM). */
const AWKWARD_RE = /[\u0000-\u0009\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/;
/** What a plain value may not start with: YAML's indicators. */
const PLAIN_START_RE = /^[^-?:,[\]{}#&*!|>'"%@`\s]/;
/** What a flow-list item may not hold: flow indicators, quotes, comments, `:` (a pair) and indicators at its start. */
const FLOW_ITEM_RE = /^[^-?:,[\]{}#&*!|>'"%@`\s][^,[\]{}#'":]*$/;

/** The value of one `key: value` line, as offsets into the front matter. */
interface SimpleValue {
  value: PsychValue;
  quoted: boolean;
  /** Offsets of the value in the front matter, without the spaces after it; absent for `key:`. */
  start?: number;
  end?: number;
  items?: Array<{ value: PsychValue; text: string; start: number; end: number }>;
}

/**
 * The text inside double quotes when its only escapes are `\"` and `\\` (news titles quote speech), or undefined for
 * any other escape or a quote that is not escaped.
 */
function unescapeSimple(inner: string): string | undefined {
  if (!inner.includes('\\')) return inner.includes('"') ? undefined : inner;
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '"') return undefined;
    if (c === '\\') {
      const next = inner[++i];
      if (next !== '"' && next !== '\\') return undefined;
      out += next;
    } else out += c;
  }
  return out;
}

/** Reads the value written from `start` to `end` (trailing spaces removed), or undefined when it is not simple. */
function readValue(yaml: string, start: number, end: number): SimpleValue | undefined {
  const first = yaml[start];
  const inner = yaml.slice(start + 1, end - 1);
  if (first === '"') {
    if (end - start < 2 || yaml[end - 1] !== '"') return undefined;
    const value = unescapeSimple(inner);
    return value === undefined ? undefined : { value: { kind: 'string', value }, quoted: true, start, end };
  }
  if (first === "'") {
    if (end - start < 2 || yaml[end - 1] !== "'" || inner.includes("'")) return undefined;
    return { value: { kind: 'string', value: inner }, quoted: true, start, end };
  }
  if (first === '[') {
    if (yaml[end - 1] !== ']') return undefined;
    const items: NonNullable<SimpleValue['items']> = [];
    if (inner.trim() !== '') {
      let at = start + 1;
      for (const part of inner.split(',')) {
        const lead = part.length - part.trimStart().length;
        const text = part.trim();
        if (!FLOW_ITEM_RE.test(text)) return undefined;
        const value = resolvePlainScalar(text);
        items.push({ value, text: value.kind === 'string' ? value.value : text, start: at + lead, end: at + lead + text.length });
        at += part.length + 1;
      }
    }
    return { value: { kind: 'seq', items: items.map((item) => item.value) }, quoted: false, start, end, items };
  }
  const text = yaml.slice(start, end);
  if (!PLAIN_START_RE.test(text) || text.includes(': ') || text.includes(' #') || text.endsWith(':')) return undefined;
  return { value: resolvePlainScalar(text), quoted: false, start, end };
}

/**
 * The front matter of `text` read by the first pass, or undefined when any line of it is not simple. `open`,
 * `content` and `close` are where locateFrontMatter found it (closed).
 */
export function readSimpleFrontMatter(text: string, open: Range, content: Range, close: Range): FrontMatter | undefined {
  const base = content.offset;
  const yaml = text.slice(base, base + content.length);
  if (yaml.includes('\r') || AWKWARD_RE.test(yaml)) return undefined;
  const entries: FrontMatterEntry[] = [];
  const effective = new Map<string, FrontMatterEntry>();
  const data: Record<string, unknown> = {};
  let lineStart = 0;
  while (lineStart < yaml.length) {
    // Every line ends with a line break: the closing line starts a line.
    const lineEnd = yaml.indexOf('\n', lineStart);
    if (lineEnd === -1) return undefined;
    const next = lineEnd + 1;
    if (lineEnd === lineStart || yaml[lineStart] === '#') {
      lineStart = next;
      continue;
    }
    const colon = yaml.indexOf(':', lineStart);
    if (colon === -1 || colon > lineEnd) return undefined;
    const key = yaml.slice(lineStart, colon);
    if (!KEY_RE.test(key)) return undefined;
    let value: SimpleValue | undefined;
    if (colon + 1 === lineEnd) value = { value: { kind: 'null' }, quoted: false };
    else {
      if (yaml[colon + 1] !== ' ') return undefined;
      let start = colon + 1;
      while (yaml[start] === ' ') start++;
      let end = lineEnd;
      while (yaml[end - 1] === ' ') end--;
      if (start >= end) return undefined;
      value = readValue(yaml, start, end);
    }
    if (value === undefined) return undefined;
    const keyRange = { offset: base + lineStart, length: colon - lineStart };
    const valueRange = value.start === undefined || value.end === undefined ? { offset: base + colon + 1, length: 0 } : { offset: base + value.start, length: value.end - value.start };
    const items: YamlItem[] | undefined = value.items?.map((item) => ({ value: item.value, text: item.text, range: { offset: base + item.start, length: item.end - item.start } }));
    const entry: FrontMatterEntry = {
      key: psychKeyText(resolvePlainScalar(key)),
      keyRange,
      valueRange,
      pairRange: { offset: base + lineStart, length: next - lineStart },
      value: value.value,
      source: text.slice(valueRange.offset, valueRange.offset + valueRange.length),
      quoted: value.quoted,
      items,
      mapKeys: undefined,
    };
    entries.push(entry);
    effective.set(entry.key, entry);
    setOwn(data, entry.key, value.value.kind === 'seq' ? value.value.items.map(plainPsychValue) : plainPsychValue(value.value));
    lineStart = next;
  }
  if (entries.length === 0) return undefined;
  return {
    openRange: open,
    contentRange: content,
    closeRange: close,
    syntaxErrors: [],
    quotedLineBreaks: [],
    notAMapping: undefined,
    entries,
    get: (key) => effective.get(key),
    data,
  };
}
