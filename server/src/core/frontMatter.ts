/**
 * Locates and parses front matter exactly as Jekyll does (Document::YAML_FRONT_MATTER_REGEXP, Psych/YAML 1.1), with
 * the range of every key and value in the whole document.
 */
import { isAlias as isAliasNode, isMap, isPair, isScalar, isSeq, Scalar, type Node as YamlNode } from 'yaml';
import { DataTooLarge, MAX_PARSE_DEPTH, parseYamlBounded, plainPsychValue, PsychReader, scalarPsychValue, setOwn, type PsychPair, type PsychValue } from './jekyll/psych';
import { psychValueOfNode } from './jekyll/yamlValue';
import { readSimpleFrontMatter } from './simpleFrontMatter';

export interface Range {
  offset: number;
  length: number;
}

export interface YamlItem {
  value: PsychValue;
  /** The scalar as text (for strings, the string; for others the source). */
  text: string;
  range: Range;
}

export interface FrontMatterEntry {
  key: string;
  keyRange: Range;
  /** The value's range; for an empty value, a zero-length range right after the colon. */
  valueRange: Range;
  /** The whole `key: value` line(s), for removal fixes. */
  pairRange: Range;
  value: PsychValue;
  /** The value's source text, exactly as written. */
  source: string;
  /** Whether the scalar was quoted (a quoted value is always a String to Psych). */
  quoted: boolean;
  /** Sequence items, when the value is a sequence of scalars. */
  items?: YamlItem[];
  /** Mapping keys, when the value is a mapping. */
  mapKeys?: string[];
}

export interface YamlProblem {
  message: string;
  range: Range;
  /** Valid YAML that newsdesk refuses to read whole (past its size or nesting limits); Jekyll may well read it. */
  limit?: boolean;
}

export interface FrontMatter {
  /** The opening `---` line (after a BOM). */
  openRange: Range;
  /** Where the YAML text starts and ends (between the delimiter lines). */
  contentRange: Range;
  /** The closing line, absent when the front matter is never closed. */
  closeRange?: Range;
  /** The YAML failed to parse as libyaml would: Jekyll logs the error and ignores the whole front matter. */
  syntaxErrors: YamlProblem[];
  /** Double-quoted values spanning raw line breaks: libyaml accepts them, the `yaml` package does not. */
  quotedLineBreaks: Array<{ key: string; range: Range }>;
  /** The root is not a mapping (a list or a scalar): Jekyll cannot read any field. */
  notAMapping?: { kind: string; range: Range };
  /** Every entry in source order; duplicates included. */
  entries: FrontMatterEntry[];
  /** The entry Jekyll uses for a key (Psych keeps the last duplicate). */
  get(key: string): FrontMatterEntry | undefined;
  /** The plain data object as Jekyll sees it (for templates and the preview). */
  data: Record<string, unknown>;
}

const RUBY_SPACE = '[ \\t\\r\\n\\f\\v]';
const OPEN_RE = new RegExp(`^---${RUBY_SPACE}*\\n`);
const CLOSE_RE = /^(?:---|\.\.\.)[ \t\r\f\v]*$\n?/gm;

/** Finds the front matter's opening and closing lines, or undefined when the text has none (a BOM is tolerated). */
export function locateFrontMatter(text: string): { open: Range; content: Range; close?: Range } | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const open = OPEN_RE.exec(text.slice(start));
  if (!open) return undefined;
  const contentStart = start + open[0].length;
  CLOSE_RE.lastIndex = contentStart;
  const close = CLOSE_RE.exec(text);
  const openRange = { offset: start, length: open[0].length };
  if (!close) return { open: openRange, content: { offset: contentStart, length: text.length - contentStart } };
  return {
    open: openRange,
    content: { offset: contentStart, length: close.index - contentStart },
    close: { offset: close.index, length: close[0].length },
  };
}

/**
 * libyaml accepts a double-quoted scalar whose continuation lines are not indented; the `yaml` package stops at them.
 * Replacing those raw line breaks by spaces keeps every offset and lets the rest parse; the real (folded) value is
 * computed separately.
 */
function tolerateQuotedLineBreaks(yamlText: string): { text: string; spans: Array<{ key: string; start: number; end: number; quote: '"' | "'" }> } {
  const spans: Array<{ key: string; start: number; end: number; quote: '"' | "'" }> = [];
  const lineRe = /^([^\s#:][^:\n]*?):[ \t]+(["'])/gm;
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(yamlText))) {
    const quote = m[2] as '"' | "'";
    const quoteStart = m.index + m[0].length - 1;
    let i = quoteStart + 1;
    // Only a continuation line that is not indented needs tolerance: the `yaml` package accepts indented ones.
    let sawBreak = false;
    const unindentedAfter = (at: number) => {
      const next = yamlText[at + 1];
      return next !== undefined && next !== ' ' && next !== '\t' && next !== '\n' && next !== '\r';
    };
    while (i < yamlText.length) {
      const c = yamlText[i];
      if (quote === '"' && c === '\\') {
        const breakAt = yamlText[i + 1] === '\r' ? i + 2 : i + 1;
        if (yamlText[breakAt] === '\n' && unindentedAfter(breakAt)) sawBreak = true;
        i += 2;
        continue;
      }
      if (quote === "'" && c === "'" && yamlText[i + 1] === "'") {
        i += 2;
        continue;
      }
      if (c === quote) break;
      if (c === '\n' && unindentedAfter(i)) sawBreak = true;
      i++;
    }
    if (i >= yamlText.length) break;
    if (sawBreak) spans.push({ key: m[1].trim(), start: quoteStart, end: i + 1, quote });
    lineRe.lastIndex = i + 1;
  }
  let text = '';
  let cursor = 0;
  for (const span of spans) {
    text += yamlText.slice(cursor, span.start) + yamlText.slice(span.start, span.end).replace(/[\r\n]/g, ' ');
    cursor = span.end;
  }
  return { text: text + yamlText.slice(cursor), spans };
}

const YAML_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};

function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/gs, (all, esc: string) => {
    if (esc.length > 1) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return YAML_ESCAPES[esc] ?? all;
  });
}

/** YAML's line folding of a quoted scalar spanning lines, as libyaml applies it. */
export function foldQuoted(raw: string): string {
  return raw.startsWith("'") ? foldLines(raw.slice(1, -1), false).replace(/''/g, "'") : unescapeDoubleQuoted(foldLines(raw.slice(1, -1), true));
}

function foldLines(inner: string, escapes: boolean): string {
  const lines = inner.split(/\r?\n/);
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const last = i === lines.length - 1;
    let line = i > 0 ? lines[i].replace(/^[ \t]+/, '') : lines[i];
    const escapedBreak = escapes && !last && /(^|[^\\])(\\\\)*\\$/.test(line);
    if (escapedBreak) {
      out += line.slice(0, -1);
      continue;
    }
    if (!last) line = line.replace(/[ \t]+$/, '');
    out += line;
    if (last) break;
    let blank = 0;
    while (i + 1 < lines.length - 1 && lines[i + 1].trim() === '') {
      blank++;
      i++;
    }
    out += blank > 0 ? '\n'.repeat(blank) : ' ';
  }
  return out;
}

/**
 * The offset of the last value-opening quote before `limit` that no later quote closes: the last quote before
 * `limit`, when it opens a value (at the start of a line, or after `:`, `-`, `[`, `,` or `{` and blanks).
 */
function openingQuoteBefore(yamlText: string, limit: number, quote: string): number | undefined {
  const at = yamlText.lastIndexOf(quote, limit - 1);
  if (at < 0) return undefined;
  let before = at - 1;
  if (before < 0 || LINE_TERMINATORS.has(yamlText[before])) return at;
  while (before >= 0 && (yamlText[before] === ' ' || yamlText[before] === '\t')) before--;
  return before >= 0 && ':-[,{'.includes(yamlText[before]) ? at : undefined;
}

/** Where JavaScript's multiline `^` matches after. */
const LINE_TERMINATORS = new Set(['\n', '\r', '\u2028', '\u2029']);

const scalarValue = scalarPsychValue;

/** A node's range in the document, without the line break and spaces a block collection ends with. */
function nodeRange(node: YamlNode, base: number, yamlText: string): Range {
  const [start] = node.range ?? [0, 0, 0];
  let end = node.range?.[1] ?? start;
  while (end > start && /\s/.test(yamlText[end - 1])) end--;
  return { offset: base + start, length: end - start };
}

/** The offsets of the line breaks between `start` and `end`, for line lookups without rescanning long lines. */
function lineBreaksIn(text: string, start: number, end: number): number[] {
  const breaks: number[] = [];
  for (let at = text.indexOf('\n', start); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) breaks.push(at);
  return breaks;
}

/** The index of the first line break at or after `offset` (breaks.length when none). */
function firstBreakFrom(breaks: number[], offset: number): number {
  let low = 0;
  let high = breaks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (breaks[mid] < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** `text.lastIndexOf('\n', offset - 1) + 1` over the front matter. */
function lineStartOf(breaks: number[], offset: number): number {
  const index = firstBreakFrom(breaks, offset) - 1;
  return index >= 0 ? breaks[index] + 1 : 0;
}

/** Just after the first line break at or after `offset` (or the end of the text). */
function lineEndAfter(breaks: number[], offset: number, textLength: number): number {
  const index = firstBreakFrom(breaks, offset);
  return index < breaks.length ? breaks[index] + 1 : textLength;
}

/** The largest front matter that is parsed (in UTF-16 code units). Real posts have a few KB. */
export const MAX_FRONT_MATTER = 1024 * 1024;

export function parseFrontMatter(text: string): FrontMatter | undefined {
  const located = locateFrontMatter(text);
  if (located?.close && located.content.length <= MAX_FRONT_MATTER) {
    const simple = readSimpleFrontMatter(text, located.open, located.content, located.close);
    if (simple) return simple;
  }
  return parseLocatedFrontMatter(text, located);
}

/** The full parse, whatever the front matter holds (parseFrontMatter tries a cheaper first pass before it). */
export function parseFrontMatterFully(text: string): FrontMatter | undefined {
  return parseLocatedFrontMatter(text, locateFrontMatter(text));
}

function parseLocatedFrontMatter(text: string, located: ReturnType<typeof locateFrontMatter>): FrontMatter | undefined {
  if (!located) return undefined;
  const base = located.content.offset;
  if (!located.close) {
    // Jekyll finds no front matter without the closing line: none of these fields exist for it.
    return { openRange: located.open, contentRange: located.content, syntaxErrors: [], quotedLineBreaks: [], entries: [], get: () => undefined, data: {} };
  }
  if (located.content.length > MAX_FRONT_MATTER) {
    // The YAML parser needs hundreds of bytes of memory per byte of dense YAML: a 5 MB front matter costs gigabytes.
    const limit = {
      message: `newsdesk does not check this front matter: it is ${Math.round(located.content.length / 1024)} KB, more than the ${MAX_FRONT_MATTER / 1024} KB any post needs (a feed import gone wrong?). Jekyll reads it, slowly, and every page that prints it grows with it`,
      range: { offset: located.open.offset, length: 3 },
      limit: true,
    };
    return { openRange: located.open, contentRange: located.content, closeRange: located.close, syntaxErrors: [limit], quotedLineBreaks: [], entries: [], get: () => undefined, data: {} };
  }
  const yamlText = text.slice(base, base + located.content.length);
  const tolerated = tolerateQuotedLineBreaks(yamlText);
  const parsed = parseYamlBounded(tolerated.text, { version: '1.1', uniqueKeys: false, strict: false });
  if (!parsed.doc) {
    const limit = { message: `newsdesk does not check this front matter: it nests lists and mappings more than ${MAX_PARSE_DEPTH} levels deep`, range: { offset: located.open.offset, length: 3 }, limit: true };
    return { openRange: located.open, contentRange: located.content, closeRange: located.close, syntaxErrors: [limit], quotedLineBreaks: [], entries: [], get: () => undefined, data: {} };
  }
  const doc = parsed.doc;
  const syntaxErrors: YamlProblem[] = doc.errors.map((error) => {
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const opening = /^Missing closing (["'])quote/.exec(message) ? openingQuoteBefore(tolerated.text, error.pos[0], message.includes('"') ? '"' : "'") : undefined;
    // libyaml points at the quote that is never closed; the `yaml` package at where it gave up looking.
    if (opening !== undefined) {
      const lineEnd = yamlText.indexOf('\n', opening);
      return { message: `${message}: the quoted value that starts here is never closed`, range: { offset: base + opening, length: (lineEnd === -1 ? yamlText.length : lineEnd) - opening } };
    }
    return { message, range: { offset: base + error.pos[0], length: Math.max(1, error.pos[1] - error.pos[0]) } };
  });
  const entries: FrontMatterEntry[] = [];
  /** The entry Psych keeps for each key: the last one given, or one merged in (`<<`) after it. */
  const effective = new Map<string, FrontMatterEntry>();
  const data: Record<string, unknown> = {};
  let notAMapping: FrontMatter['notAMapping'];
  const root = doc.contents;
  if (root && !isMap(root) && syntaxErrors.length === 0) {
    const isNullScalar = isScalar(root) && (root.value === null || root.source === '');
    if (!isNullScalar) notAMapping = { kind: isSeq(root) ? 'a list' : 'a single value', range: nodeRange(root, base, tolerated.text) };
  }
  if (isMap(root)) {
    const lineBreaks = lineBreaksIn(text, located.open.offset, located.close.offset + located.close.length);
    const spanAt = new Map(tolerated.spans.map((s) => [base + s.start, s]));
    const toEntry = (key: string, keyNode: YamlNode, written: YamlNode | null, reader: PsychReader): FrontMatterEntry => {
      const keyRange = nodeRange(keyNode, base, tolerated.text);
      // An alias is read as its anchor's value, and located where it is written.
      const valueNode = reader.resolve(written);
      let valueRange: Range = written ? nodeRange(written, base, tolerated.text) : { offset: keyRange.offset + keyRange.length + 1, length: 0 };
      let value: PsychValue;
      let quoted = false;
      let items: YamlItem[] | undefined;
      let mapKeys: string[] | undefined;
      if (valueNode && isScalar(valueNode)) {
        value = scalarValue(valueNode);
        quoted = valueNode.type === Scalar.QUOTE_DOUBLE || valueNode.type === Scalar.QUOTE_SINGLE;
      } else if (valueNode && isSeq(valueNode)) {
        value = psychValueOfNode(valueNode);
        items = valueNode.items.filter(isScalar).map((item) => {
          const itemValue = scalarValue(item);
          return { value: itemValue, text: itemValue.kind === 'string' ? itemValue.value : String(item.source ?? ''), range: nodeRange(item, base, tolerated.text) };
        });
      } else if (valueNode && isMap(valueNode)) {
        value = psychValueOfNode(valueNode);
        mapKeys = reader.pairsOf(valueNode).map((p) => p.key);
      } else {
        value = { kind: 'null' };
        if (!written || !isAliasNode(written)) valueRange = { offset: keyRange.offset + keyRange.length + 1, length: 0 };
      }
      const span = spanAt.get(valueRange.offset);
      if (span && valueNode === written) value = { kind: 'string', value: foldQuoted(yamlText.slice(span.start, span.end)) };
      const lineStart = lineStartOf(lineBreaks, keyRange.offset);
      const pairEnd = lineEndAfter(lineBreaks, valueRange.offset + valueRange.length, text.length);
      return {
        key,
        keyRange,
        valueRange,
        pairRange: { offset: lineStart, length: pairEnd - lineStart },
        value,
        source: text.slice(valueRange.offset, valueRange.offset + valueRange.length),
        quoted,
        items,
        mapKeys,
      };
    };
    try {
      const reader = new PsychReader(root, tolerated.text);
      for (const alias of reader.badAliases) {
        // Psych raises Psych::BadAlias and Jekyll reads the post without any of its front matter.
        syntaxErrors.push({ message: `Unknown alias: ${alias.source} (no anchor &${alias.source} comes before it)`, range: nodeRange(alias, base, tolerated.text) });
      }
      const dataOf = (entry: FrontMatterEntry, valueNode: YamlNode | null) =>
        entry.value.kind === 'seq' || entry.value.kind === 'map' ? reader.value(valueNode) : plainPsychValue(entry.value);
      const merge = (pairs: PsychPair[]) => {
        for (const p of pairs) {
          if (!isScalar(reader.resolve(p.keyNode))) {
            setOwn(data, p.key, reader.value(p.valueNode));
            continue;
          }
          const entry = toEntry(p.key, p.keyNode, p.valueNode, reader);
          effective.set(entry.key, entry);
          setOwn(data, entry.key, dataOf(entry, p.valueNode));
        }
      };
      for (const pair of root.items) {
        if (!isPair(pair)) continue;
        const merged = reader.mergeOf(pair);
        if (merged) {
          // Hash#merge!: the merged keys replace the ones given before; entries keeps what is written at the top level.
          merge(merged);
          continue;
        }
        const keyNode = pair.key as YamlNode | null;
        const valueNode = (pair.value ?? null) as YamlNode | null;
        if (!keyNode || !isScalar(keyNode)) {
          // A list, mapping or alias as a key: a Ruby Hash key no template can name; kept in the data only.
          if (keyNode) setOwn(data, reader.keyText(keyNode), reader.value(valueNode));
          continue;
        }
        const entry = toEntry(reader.keyText(keyNode), keyNode, valueNode, reader);
        entries.push(entry);
        effective.set(entry.key, entry);
        setOwn(data, entry.key, dataOf(entry, valueNode));
      }
    } catch (error) {
      if (!(error instanceof DataTooLarge)) throw error;
      syntaxErrors.push({
        message: `newsdesk does not check this front matter: ${error.message}. Psych reads aliases as shared references, but a template that prints such a value (jsonify, inspect) expands all of it. Write the values out instead of nesting aliases`,
        range: { offset: located.open.offset, length: 3 },
        limit: true,
      });
    }
  }
  return {
    openRange: located.open,
    contentRange: located.content,
    closeRange: located.close,
    syntaxErrors,
    quotedLineBreaks: tolerated.spans.map((s) => ({ key: s.key, range: { offset: base + s.start, length: s.end - s.start } })),
    notAMapping,
    entries: syntaxErrors.length ? [] : entries,
    get: (key) => (syntaxErrors.length ? undefined : effective.get(key)),
    data: syntaxErrors.length ? {} : data,
  };
}
