/**
 * Block HTML as kramdown 2.4 reads it (parser/html.rb `parse_raw_html`, with `parse_block_html: false`): a tag that
 * is not a span element, at the start of a line, opens a block that runs to its own end tag, whatever blank lines
 * lie between; nothing inside is Markdown. Kramdown matches tags with its own regular expressions, stricter than a
 * browser: an end tag that closes nothing open is written out as text (the reader sees `</p>`), a `<` that starts
 * no tag kramdown knows is text, and elements still open at the end of the body are closed there.
 */

// REXML's UNAME_STR: Ruby's [[:alpha:]] and [[:alnum:]] are Unicode (Alphabetic; Alphabetic and decimal digits).
const NAME = String.raw`(?:[\p{Alphabetic}_][-\p{Alphabetic}\p{Nd}._]*:)?[\p{Alphabetic}_][-\p{Alphabetic}\p{Nd}._]*`;
const WORD = String.raw`[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}]`;
// Ruby's \s is ASCII white space only.
const S = String.raw`[ \t\n\v\f\r]`;
const TAG_OPEN_RE = new RegExp(`<(${NAME})`, 'uy');
/** One attribute of HTML_TAG_RE; Ruby reads each atomically (`(?>...)`), so each is matched on its own here. */
const ATTRIBUTE_RE = new RegExp(String.raw`${S}+(${NAME})(?:${S}*=${S}*(?:(${WORD}+)|("|')([\s\S]*?)\3))?`, 'uy');
/** kramdown's escape_html(:attribute): a character reference stays as written, a bare `&` is escaped. */
const escapeAttribute = (value: string): string => value.replace(/&(?:[A-Za-z_:][-\w.:]*|#[0-9]+|#x[0-9a-fA-F]+);|[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
const TAG_END_RE = new RegExp(String.raw`${S}*(\/)?>`, 'y');

/**
 * HTML_TAG_RE at `pos`: `<name attrs>` where every attribute is `name`, `name=word` or `name="..."`/`name='...'`.
 * Returns [the source length, the name, whether it ends with `/>`, the tag as kramdown writes it], or undefined.
 * Kramdown writes every attribute again, double-quoted, escaping a `&` that starts no character reference.
 */
export function matchTag(src: string, pos: number): [number, string, boolean, string] | undefined {
  TAG_OPEN_RE.lastIndex = pos;
  const open = TAG_OPEN_RE.exec(src);
  if (!open) return undefined;
  let at = pos + open[0].length;
  const known = KNOWN.has(open[1].toLowerCase());
  const attributes = new Map<string, string>();
  for (;;) {
    ATTRIBUTE_RE.lastIndex = at;
    const attribute = ATTRIBUTE_RE.exec(src);
    if (!attribute) break;
    at += attribute[0].length;
    const name = known ? attribute[1].toLowerCase() : attribute[1];
    attributes.set(name, (attribute[2] ?? attribute[4] ?? '').replace(/\n+/g, ' '));
  }
  TAG_END_RE.lastIndex = at;
  const end = TAG_END_RE.exec(src);
  if (!end) return undefined;
  const name = tagName(open[1]);
  let tag = `<${name}`;
  for (const [key, value] of attributes) tag += ` ${key}="${escapeAttribute(value)}"`;
  const selfClosed = end[1] !== undefined;
  tag += VOID_ELEMENTS.has(name) ? ' />' : selfClosed ? `></${name}>` : '>';
  return [at + end[0].length - pos, open[1], selfClosed, tag];
}

export const HTML_TAG_CLOSE_RE = new RegExp(String.raw`<\/(${NAME})${S}*>`, 'uy');
const COMMENT_RE = /<!--[\s\S]*?-->/y;
const INSTRUCTION_RE = /<\?[\s\S]*?\?>/y;
const RAW_START_RE = new RegExp(String.raw`<(?=${NAME}|\/|!--|\?)`, 'ug');

/** kramdown's HTML_SPAN_ELEMENTS: these at the start of a line begin a paragraph, not block HTML. */
export const SPAN_ELEMENTS = new Set('a abbr acronym b big bdo br button cite code del dfn em i img input kbd label mark option q rb rbc rp rt rtc ruby samp select small span strike strong sub sup textarea tt u var'.split(' '));
const VOID_ELEMENTS = new Set('area base br col command embed hr img input keygen link meta param source track wbr'.split(' '));
/** Names kramdown knows as HTML (HTML_ELEMENT): their tags match case-insensitively; others only as written. */
const KNOWN = new Set([
  ...SPAN_ELEMENTS,
  ...VOID_ELEMENTS,
  ...'address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form header hgroup iframe li main map menu nav noscript object section summary td caption dt h1 h2 h3 h4 h5 h6 ins legend optgroup p th script style math textarea pre html head ol table tbody thead tfoot tr ul colgroup dir frameset frame center font s video audio canvas picture'.split(' '),
]);

const escapeText = (text: string): string => text.replace(/</g, '&lt;').replace(/>/g, '&gt;');

const tagName = (name: string): string => (KNOWN.has(name.toLowerCase()) ? name.toLowerCase() : name);

export interface BlockHtml {
  /** The HTML as kramdown writes it (tags as written, stray end tags as text, open elements closed). */
  html: string;
  /** Where the block ends in the source (after the end tag, or the end of the text). */
  end: number;
  /** The block was a lone tag (void or `/>`): kramdown does not swallow the line end after it. */
  lone: boolean;
}

/** The raw content of `<script>` or `<style>` up to its end tag (handle_raw_html_tag). */
function rawElementEnd(src: string, from: number, name: string): { content: number; end: number } {
  const close = new RegExp(`</${name}[ \\t\\n\\v\\f\\r]*>`, 'giu');
  close.lastIndex = from;
  const m = close.exec(src);
  return m ? { content: m.index, end: m.index + m[0].length } : { content: src.length, end: src.length };
}

/**
 * Reads block HTML starting at `start` (on a `<`). Returns undefined when no tag that opens block HTML is there.
 */
export function scanBlockHtml(src: string, start: number): BlockHtml | undefined {
  const open = matchTag(src, start);
  if (!open) return undefined;
  const rootName = tagName(open[1]);
  if (SPAN_ELEMENTS.has(rootName.toLowerCase())) return undefined;
  let pos = start + open[0];
  let out = open[3];
  if (open[2] || VOID_ELEMENTS.has(rootName)) return { html: out, end: pos, lone: true };
  if (rootName === 'script' || rootName === 'style') {
    const { end } = rawElementEnd(src, pos, rootName);
    out += src.slice(pos, end);
    return { html: end === src.length && !/<\/\w+\s*>$/.test(out) ? `${out}</${rootName}>` : out, end, lone: false };
  }
  const stack = [rootName];
  while (pos < src.length && stack.length > 0) {
    RAW_START_RE.lastIndex = pos;
    const next = RAW_START_RE.exec(src);
    if (!next) {
      out += src.slice(pos);
      pos = src.length;
      break;
    }
    out += src.slice(pos, next.index);
    pos = next.index;
    let m: RegExpExecArray | null;
    let tag: ReturnType<typeof matchTag>;
    COMMENT_RE.lastIndex = pos;
    INSTRUCTION_RE.lastIndex = pos;
    HTML_TAG_CLOSE_RE.lastIndex = pos;
    if ((m = COMMENT_RE.exec(src)) || (m = INSTRUCTION_RE.exec(src))) {
      out += m[0];
      pos += m[0].length;
    } else if ((tag = matchTag(src, pos))) {
      const name = tagName(tag[1]);
      out += tag[3];
      pos += tag[0];
      if (name === 'script' || name === 'style') {
        const { end } = rawElementEnd(src, pos, name);
        out += src.slice(pos, end);
        pos = end;
      } else if (!tag[2] && !VOID_ELEMENTS.has(name)) stack.push(name);
    } else if ((m = HTML_TAG_CLOSE_RE.exec(src))) {
      const top = stack[stack.length - 1];
      const name = KNOWN.has(top) ? m[1].toLowerCase() : m[1];
      pos += m[0].length;
      if (name === top) {
        stack.pop();
        out += m[0];
      } else out += escapeText(m[0]);
    } else {
      out += '&lt;';
      pos++;
    }
  }
  for (let i = stack.length - 1; i >= 0; i--) out += `</${stack[i]}>`;
  return { html: out, end: pos, lone: false };
}

/** A block comment at `start`: `<!-- ... -->`, possibly over several lines. */
export function scanBlockComment(src: string, start: number): number | undefined {
  COMMENT_RE.lastIndex = start;
  const m = COMMENT_RE.exec(src);
  return m ? start + m[0].length : undefined;
}

/** LAZY_END_HTML_START / LAZY_END_HTML_STOP: a line starting with these ends a paragraph. */
const LAZY_EXCLUDED = [...SPAN_ELEMENTS, 'script'].join('|');
export const LAZY_END_HTML_RE = new RegExp(String.raw`^ {0,3}(?:<(?!(?:${LAZY_EXCLUDED})\b)${NAME}|<\/(?!(?:${LAZY_EXCLUDED})\b)${NAME}${S}*>)`, 'u');

/** kramdown's HTML_BLOCK_ELEMENTS: written as text when met inside a paragraph. */
export const BLOCK_ELEMENTS = new Set('address article aside applet body blockquote dd details div dl fieldset figure figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul'.split(' '));

/** `length`: of the source the tag takes; `html`: the tag as kramdown writes it. */
export type SpanHtml = { kind: 'tag'; html: string; length: number; name: string; closing: boolean; lone: boolean } | { kind: 'text'; text: string };

/**
 * HTML inside a paragraph as kramdown's parse_span_html meets it at `pos` (on a `<`): a comment or processing
 * instruction, a tag, or text: an end tag that closes no open element, the start tag of a block element, or a `<`
 * that starts no tag kramdown can read.
 */
export function scanSpanHtml(src: string, pos: number, open: readonly string[]): SpanHtml {
  let m: RegExpExecArray | null;
  let tag: ReturnType<typeof matchTag>;
  COMMENT_RE.lastIndex = pos;
  INSTRUCTION_RE.lastIndex = pos;
  HTML_TAG_CLOSE_RE.lastIndex = pos;
  if ((m = COMMENT_RE.exec(src)) || (m = INSTRUCTION_RE.exec(src))) return { kind: 'tag', html: m[0], length: m[0].length, name: '', closing: false, lone: true };
  if ((m = HTML_TAG_CLOSE_RE.exec(src))) {
    const top = open[open.length - 1];
    const name = top !== undefined && KNOWN.has(top) ? m[1].toLowerCase() : m[1];
    return name === top ? { kind: 'tag', html: `</${name}>`, length: m[0].length, name, closing: true, lone: false } : { kind: 'text', text: m[0] };
  }
  if ((tag = matchTag(src, pos))) {
    const name = tagName(tag[1]);
    if (BLOCK_ELEMENTS.has(name)) return { kind: 'text', text: src.slice(pos, pos + tag[0]) };
    return { kind: 'tag', html: tag[3], length: tag[0], name, closing: false, lone: tag[2] || VOID_ELEMENTS.has(name) };
  }
  return { kind: 'text', text: '<' };
}
