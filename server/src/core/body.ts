/**
 * The body model: the article after the front matter, with Liquid masked (same length, so offsets hold), the code
 * that Markdown shows literally blanked, and every image (`<img>` and Markdown `![alt](src "title")`) with the exact
 * range of the element and of each attribute. Derived once per document version, like the front matter.
 */
import { load, type CheerioAPI } from 'cheerio/slim';
import type { ChildNode, Document, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import MarkdownIt from 'markdown-it';
import type { Range } from './frontMatter';

export interface BodyAttribute {
  name: string;
  value: string;
  /** The whole `name="value"` text. */
  range: Range;
  /** The value between its quotes (empty range right after `=` or the name when there is none). */
  valueRange: Range;
}

/** The link an image sits in. */
export interface BodyLink {
  href: string;
  attributes: Record<string, string>;
  /** The link shows no text of its own, only images: its name is their alt text. */
  imageOnly: boolean;
}

export interface BodyImage {
  syntax: 'html' | 'markdown';
  /** The link the image sits in, when it does (an image that opens a larger copy, a zoom button). */
  link?: BodyLink;
  /** The whole `<img …>` tag or `![…](…)` (for a reference-style image, `![…][…]`). */
  range: Range;
  /** The attributes; a Markdown image has `alt`, `src` and `title` (the `src` and `title` of a reference-style image
   * are in its definition line). */
  attributes: BodyAttribute[];
  attribute(name: string): BodyAttribute | undefined;
  /** The element in the parsed body (HTML images): what looks around the image, such as its caption, starts here. */
  element?: Element;
  /** A Markdown image's caption the Markdown way: emphasised text right after it (`*A caption.*`). */
  markdownCaption?: { text: string; range: Range };
}

export interface BodyModel {
  /** The body's range in the document. */
  range: Range;
  /** The body text with Liquid masked by spaces and Markdown code blanked: what the checks read. */
  masked: string;
  /** The masked body parsed as HTML (htmlparser2, with the start and end index of every node, relative to `masked`). */
  dom: Document;
  /** Cheerio over `dom`, for CSS selectors (made on first use). */
  readonly $: CheerioAPI;
  images: BodyImage[];
  /** `<script>` elements, from the opening tag to the end of the closing one. */
  scripts: Range[];
  /** Paragraphs with nothing visible in them (`<p></p>`, `<p>&nbsp;</p>`, `<p><br></p>`), whole. */
  emptyParagraphs: Range[];
  /** Whether an element of `dom` holds an `<img>`. */
  holdsImage(node: ChildNode): boolean;
}

/** Replaces `{{ … }}`, `{% … %}` and the inside of `{% raw %}` blocks by spaces (or `fill`), keeping line breaks and
 * length. */
export function maskLiquid(text: string, fill = ' '): string {
  if (!text.includes('{')) return text;
  const out: string[] = [];
  let last = 0;
  // Once a closer is not found, no later opener finds it either: each is looked for at most once past that point.
  const closed = { '}}': true, '%}': true };
  let endrawAhead = true;
  for (let at = text.indexOf('{'); at !== -1; at = text.indexOf('{', at)) {
    const kind = text[at + 1];
    if (kind !== '{' && kind !== '%') {
      at++;
      continue;
    }
    const closer = kind === '{' ? '}}' : '%}';
    const close = closed[closer] ? text.indexOf(closer, at + 2) : -1;
    if (close === -1) {
      closed[closer] = false;
      at += 2;
      continue;
    }
    let end = close + 2;
    if (kind === '%' && endrawAhead && /^\{%-?\s*raw\s*-?%\}$/.test(text.slice(at, end))) {
      const endraw = /\{%-?\s*endraw\s*-?%\}/g;
      endraw.lastIndex = end;
      const m = endraw.exec(text);
      if (m) end = m.index + m[0].length;
      else endrawAhead = false;
    }
    out.push(text.slice(last, at), text.slice(at, end).replace(/[^\n\r]/g, fill));
    last = at = end;
  }
  out.push(text.slice(last));
  return out.join('');
}

/** Stands for masked Liquid where a blank would change how Markdown reads the text: `![a]({{ x }})` has an address. */
const LIQUID = '\uE000';
const LIQUID_RUN = /\uE000/g;

/**
 * markdown-it's block parser, for code blocks only: the inline rules and typography change no block token (their
 * type and lines), and they cost a third of the parse.
 */
const markdown = new MarkdownIt({ html: true });
markdown.core.ruler.enableOnly(['normalize', 'block']);

/**
 * Whether markdown-it could find a fenced or an indented code block in the text. A fence needs a run of three
 * backticks or tildes. An indented code block needs four columns of blank at the start of a line, after the markers
 * of the blockquotes and list items it sits in (markdown-it counts only spaces and tabs, and a line ends at `\n` or
 * `\r`): no line opening with blockquote or list marker characters and blanks that hold four spaces or a tab, none.
 * False positives only cost the parse; tested against the full parse on the corpus and the fuzz posts.
 */
export function mayHoldCodeBlock(text: string): boolean {
  return text.includes('```') || text.includes('~~~') || /(?:^|[\n\r])[ \t>*+\-\d.)]*?(?: {4}|\t)/.test(text);
}

/** The lines of the fenced and indented code blocks the parser finds, as [first, end) line numbers. */
export function codeBlockLines(text: string, parser: MarkdownIt = markdown): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const token of parser.parse(text, {})) {
    if ((token.type === 'fence' || token.type === 'code_block') && token.map) out.push([token.map[0], token.map[1]]);
  }
  return out;
}

/** Blanks the lines of fenced and indented code blocks and the text of code spans: Markdown shows them literally. */
function blankMarkdownCode(text: string): string {
  // Most news bodies (HTML from a feed, prose) hold no code block at all: no parse for them.
  const blocks = mayHoldCodeBlock(text) ? codeBlockLines(text) : [];
  if (blocks.length === 0 && !text.includes('`')) return text;
  const lines = text.split('\n');
  for (const [first, end] of blocks) {
    for (let line = first; line < end && line < lines.length; line++) lines[line] = lines[line].replace(/[^\r]/g, ' ');
  }
  // Code spans: backtick runs of equal length on one line (very long lines are left as they are: the pattern
  // backtracks, and such a line is no article text).
  return lines
    .map((line) => (line.includes('`') && line.length < 10_000 ? line.replace(/(`+)([^`]|[^`][^\n]*?[^`])\1(?!`)/g, (span) => ' '.repeat(span.length)) : line))
    .join('\n');
}

function attributesOf(tag: string, base: number): BodyAttribute[] {
  const out: BodyAttribute[] = [];
  const nameEnd = /^<[^\s/>]+/.exec(tag)?.[0].length ?? 0;
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`]+)))?/g;
  re.lastIndex = nameEnd;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) {
    const value = m[2] ?? m[3] ?? m[4];
    const quoted = m[2] !== undefined || m[3] !== undefined;
    const valueStart = value === undefined ? m.index + m[0].length : m.index + m[0].length - value.length - (quoted ? 1 : 0);
    out.push({
      name: m[1].toLowerCase(),
      value: value ?? '',
      range: { offset: base + m.index, length: m[0].length },
      valueRange: { offset: base + valueStart, length: value?.length ?? 0 },
    });
  }
  return out;
}

function image(syntax: BodyImage['syntax'], range: Range, attributes: BodyAttribute[], extra: Partial<Pick<BodyImage, 'link' | 'element' | 'markdownCaption'>> = {}): BodyImage {
  for (const attribute of attributes) attribute.value = attribute.value.replace(LIQUID_RUN, ' ');
  if (extra.markdownCaption) extra.markdownCaption.text = extra.markdownCaption.text.replace(LIQUID_RUN, ' ');
  return { syntax, range, attributes, ...extra, attribute: (name) => attributes.find((a) => a.name === name) };
}

/** Whether a node shows something: text other than blanks, or an element other than a line break or a comment. */
function visibleText(node: ChildNode): boolean {
  return node.type === 'text' && node.data.replace(/[\s\u00a0\u200b]/g, '') !== '';
}

/** The ancestor of a node with this tag name, looking at most `limit` levels up. */
export function ancestor(node: ChildNode, name: string, limit = 64): Element | undefined {
  let at = node.parent;
  for (let level = 0; at && at.type === 'tag' && level < limit; level++, at = at.parent) if (at.name === name) return at;
  return undefined;
}

/** Whether a link shows no text of its own, only images (bounded walk: a hostile link may hold a whole article). */
function imageOnly(link: Element): boolean {
  const stack: ChildNode[] = [...link.children];
  for (let seen = 0; stack.length > 0; seen++) {
    if (seen > 2000) return false;
    const node = stack.pop()!;
    if (visibleText(node)) return false;
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') stack.push(...node.children);
  }
  return true;
}

/** The HTML of the body as a tree, and what the rules read off it, in one walk in document order. */
function htmlElements(masked: string, base: number): Pick<BodyModel, 'dom' | 'images' | 'scripts' | 'emptyParagraphs' | 'holdsImage'> {
  const dom = parseDocument(flattenDeepNesting(masked), { withStartIndices: true, withEndIndices: true, decodeEntities: true, lowerCaseTags: true });
  // The elements that hold an image, marked once each on the way up from every image.
  const holding = new Set<ChildNode>();
  const images: BodyImage[] = [];
  const scripts: Range[] = [];
  const emptyParagraphs: Range[] = [];
  const links = new Map<Element, BodyLink>();
  // Implicit closes at the end of the text report an index past it: clamp.
  const endOf = (node: ChildNode) => Math.min((node.endIndex ?? masked.length - 1) + 1, masked.length);
  // Depth-first without recursion: a hostile body nests elements a hundred thousand deep.
  const stack: ChildNode[] = [...dom.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const start = node.startIndex ?? 0;
    const end = endOf(node);
    if (node.name === 'img') {
      const a = ancestor(node, 'a');
      let link = a && links.get(a);
      if (a && !link) links.set(a, (link = { href: a.attribs.href ?? '', attributes: a.attribs, imageOnly: imageOnly(a) }));
      // An `<img>` is void: its element is its tag. Values as the browser reads them: entities decoded.
      const attributes = attributesOf(masked.slice(start, end), base + start);
      for (const attribute of attributes) attribute.value = node.attribs[attribute.name] ?? attribute.value;
      images.push(image('html', { offset: base + start, length: end - start }, attributes, { link, element: node }));
      for (let up = node.parent; up && !holding.has(up); up = up.parent) holding.add(up);
    } else if (node.name === 'script') {
      scripts.push({ offset: base + start, length: end - start });
    } else if (node.name === 'p' && masked.slice(end - 4, end).toLowerCase() === '</p>' && isEmptyParagraph(node)) {
      // Only a paragraph written out whole (`<p>…</p>`), not one closed implicitly by the parser.
      emptyParagraphs.push({ offset: base + start, length: end - start });
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return { dom, images, scripts, emptyParagraphs, holdsImage: (node) => holding.has(node) };
}

/** Deeper than this, elements are read as text: a post nests a few dozen levels, a hostile one a hundred thousand. */
const MAX_DEPTH = 1000;
/**
 * A tag's start and name at `lastIndex`, for a name with a character past ASCII. The name is bounded (any bound above
 * the longest void name decides alike), or `<a<a<a…` would be read to its end from every `<`.
 */
const TAG_AT = /<(\/?)([a-zA-Z][^\s/>]{0,61})/y;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** A name of up to six ASCII letters as a number, case folded: the void names are such names. */
const letterKey = (key: number, code: number): number => key * 27 + ((code | 0x20) - 96);
const VOID_KEYS = new Set([...VOID].map((name) => [...name].reduce((key, c) => letterKey(key, c.charCodeAt(0)), 0)));
export const NOT_A_TAG = 0;
export const OPENING = 1;
export const CLOSING = 2;
export const VOID_TAG = 3;

/**
 * What starts at `at` (a `<`): an opening or closing tag, a void element's tag, or no tag, as TAG_AT and VOID read it.
 * ASCII names are read in place, without a match or a string per tag (a long article has thousands of tags).
 */
export function tagKindAt(text: string, at: number): number {
  let i = at + 1;
  const closing = text.charCodeAt(i) === 0x2f;
  if (closing) i++;
  const first = text.charCodeAt(i) | 0x20;
  if (first < 0x61 || first > 0x7a) return NOT_A_TAG;
  let key = letterKey(0, first);
  let letters = true;
  const end = Math.min(text.length, i + 62);
  for (i++; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2f || c === 0x3e || c === 0x20 || (c >= 0x09 && c <= 0x0d)) break;
    if (c > 0x7e) {
      // Past ASCII: `\s` knows more blanks, and toLowerCase folds the Kelvin sign to `k`.
      TAG_AT.lastIndex = at;
      const m = TAG_AT.exec(text);
      return m === null ? NOT_A_TAG : VOID.has(m[2].toLowerCase()) ? VOID_TAG : closing ? CLOSING : OPENING;
    }
    const letter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
    if (letters && letter && i - at <= 6 + (closing ? 1 : 0)) key = letterKey(key, c);
    else letters = false;
  }
  return letters && VOID_KEYS.has(key) ? VOID_TAG : closing ? CLOSING : OPENING;
}

/**
 * The text with the tags nested deeper than MAX_DEPTH blanked (same length), so that the parser's work stays linear
 * (htmlparser2 keeps its open elements in an array it shifts on every open tag). Counted roughly, tag by tag.
 */
function flattenDeepNesting(text: string): string {
  if (text.length < MAX_DEPTH * 3) return text;
  let depth = 0;
  let blanks: Array<[number, number]> | undefined;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    const close = text.indexOf('>', at);
    // No `>` after this point: no more tags.
    if (close === -1) break;
    const kind = tagKindAt(text, at);
    if (kind === NOT_A_TAG || kind === VOID_TAG || text[close - 1] === '/') continue;
    if (kind === CLOSING) depth = Math.max(0, depth - 1);
    else depth++;
    if (depth > MAX_DEPTH || (kind === CLOSING && depth >= MAX_DEPTH)) (blanks ??= []).push([at, close + 1]);
  }
  if (!blanks) return text;
  const out: string[] = [];
  let last = 0;
  for (const [from, to] of blanks) {
    out.push(text.slice(last, from), text.slice(from, to).replace(/[^\n\r]/g, ' '));
    last = to;
  }
  out.push(text.slice(last));
  return out.join('');
}

/** A paragraph holding only blanks, line breaks and spans of blanks. */
function isEmptyParagraph(p: Element): boolean {
  const stack: ChildNode[] = [...p.children];
  for (let seen = 0; stack.length > 0; seen++) {
    if (seen > 200) return false;
    const node = stack.pop()!;
    if (visibleText(node)) return false;
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      if (node.name !== 'br' && node.name !== 'span') return false;
      stack.push(...node.children);
    }
  }
  return true;
}

/** Markdown's link reference definitions (`[label]: src "title"`), by normalised label; the first one wins. */
interface Definition {
  src: string;
  srcRange: Range;
  srcValueRange: Range;
  title?: { value: string; range: Range; valueRange: Range };
}

const normaliseLabel = (label: string) => label.trim().replace(/\s+/g, ' ').toLowerCase();

function definitions(masked: string, base: number): Map<string, Definition> {
  const out = new Map<string, Definition>();
  // A title in parentheses is part of the address for kramdown (`x.png (Title)` is the address, broken on the site).
  const re = /^ {0,3}\[([^\]\n]{1,999})\]:[ \t]*(<[^>\n]*>|\S+(?:[ \t]+\([^)\n]*\))?)(?:[ \t]+("[^"\n]*"|'[^'\n]*'))?[ \t]*$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(masked))) {
    const label = normaliseLabel(m[1]);
    if (!label || out.has(label)) continue;
    const srcStart = m.index + m[0].indexOf(']:') + 2 + (/^[ \t]*/.exec(m[0].slice(m[0].indexOf(']:') + 2))?.[0].length ?? 0);
    const angled = m[2].startsWith('<');
    const src = angled ? m[2].slice(1, -1) : m[2];
    const definition: Definition = {
      src,
      srcRange: { offset: base + srcStart, length: m[2].length },
      srcValueRange: { offset: base + srcStart + (angled ? 1 : 0), length: src.length },
    };
    if (m[3]) {
      const titleStart = m.index + m[0].lastIndexOf(m[3]);
      definition.title = { value: m[3].slice(1, -1), range: { offset: base + titleStart, length: m[3].length }, valueRange: { offset: base + titleStart + 1, length: m[3].length - 2 } };
    }
    out.set(label, definition);
  }
  return out;
}

/** Emphasised text right after a Markdown image, on its line or the next (the same paragraph): its caption. */
function markdownCaption(masked: string, from: number, base: number): BodyImage['markdownCaption'] {
  const m = /^[ \t]*(?:\r?\n)?[ \t]*(\*(?!\*)([^*\n]+)\*|_(?!_)([^_\n]+)_)/.exec(masked.slice(from, from + 2000));
  if (!m) return undefined;
  const start = from + m[0].length - m[1].length;
  return { text: (m[2] ?? m[3]).trim(), range: { offset: base + start, length: m[1].length } };
}

/** The markdown-it that finds images: its `image` rule records where each image starts and ends in its inline text. */
const imageFinder = new MarkdownIt({ html: true });
{
  type InlineRule = Parameters<typeof imageFinder.inline.ruler.at>[1];
  const named = (imageFinder.inline.ruler as unknown as { __rules__: Array<{ name: string; fn: InlineRule }> }).__rules__;
  const original = named.find((rule) => rule.name === 'image')!.fn;
  imageFinder.inline.ruler.at('image', (state, silent) => {
    const start = state.pos;
    if (!original(state, silent)) return false;
    if (!silent) {
      const token = state.tokens[state.tokens.length - 1];
      if (token?.type === 'image') token.meta = { start, end: state.pos, src: state.src };
    }
    return true;
  });
}

interface InlineToken {
  type: string;
  content: string;
  map: [number, number] | null;
  children: InlineToken[] | null;
  meta: { start: number; end: number; src: string } | null;
  attrGet(name: string): string | null;
}

/** Where each line of an inline token's text starts in the source (markdown-it strips indentation and markers). */
function lineOrigins(token: InlineToken, lines: string[], lineStarts: number[]): { content: number[]; source: number[] } | undefined {
  const contentLines = token.content.split('\n');
  const content: number[] = [];
  const source: number[] = [];
  let at = 0;
  for (let i = 0; i < contentLines.length; i++) {
    const line = lines[token.map![0] + i];
    const k = line === undefined ? -1 : line.indexOf(contentLines[i]);
    if (k < 0) return undefined;
    content.push(at);
    source.push(lineStarts[token.map![0] + i] + k);
    at += contentLines[i].length + 1;
  }
  return { content, source };
}

/** The end of a link label that starts at `from` (after `[`): its `]`, with nested brackets and escapes. */
function labelEnd(text: string, from: number, max: number): number {
  let depth = 1;
  for (let i = from; i < max; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Markdown images as markdown-it reads them (and kramdown, for what posts contain): not in code, HTML blocks or
 * comments, not after a backslash; inline (`![alt](src "title")`) and reference-style (`![alt][label]`, `![alt][]`,
 * `![alt]`, with the address and title in the definition line), with the link around them when there is one.
 */
function markdownImages(marked: string, base: number): BodyImage[] {
  if (!marked.includes('![')) return [];
  const images: BodyImage[] = [];
  const lines = marked.split('\n');
  const lineStarts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; i++) {
    lineStarts.push(at);
    at += lines[i].length + 1;
  }
  let defined: Map<string, Definition> | undefined;
  // Table cells have no line map of their own: their row's.
  let rowMap: [number, number] | null = null;
  for (const block of imageFinder.parse(marked, {}) as unknown as InlineToken[]) {
    if (block.type === 'tr_open') rowMap = block.map;
    if (block.type === 'inline' && !block.map && rowMap) block.map = rowMap;
    if (block.type !== 'inline' || !block.map || !block.children || !block.content.includes('![')) continue;
    const origins = lineOrigins(block, lines, lineStarts);
    if (!origins) continue;
    const toSource = (pos: number) => {
      let line = 0;
      while (line + 1 < origins.content.length && origins.content[line + 1] <= pos) line++;
      return base + origins.source[line] + (pos - origins.content[line]);
    };
    const range = (from: number, to: number): Range => ({ offset: toSource(from), length: toSource(to) - toSource(from) });
    const text = block.content;
    // The open links (`[![thumb](t.png)](big.png)`), and whether each shows text of its own.
    const links: Array<{ link: BodyLink; images: BodyImage[] }> = [];
    for (const token of block.children) {
      if (token.type === 'link_open') {
        links.push({ link: { href: token.attrGet('href') ?? '', attributes: { href: token.attrGet('href') ?? '', ...(token.attrGet('title') ? { title: token.attrGet('title')! } : {}) }, imageOnly: true }, images: [] });
      } else if (token.type === 'link_close') {
        links.pop();
      } else if (token.type !== 'image' && links.length && (token.type !== 'text' || token.content.trim() !== '') && token.type !== 'softbreak') {
        links[links.length - 1].link.imageOnly = false;
      }
      if (token.type !== 'image' || !token.meta || token.meta.src !== text) continue;
      const { start, end } = token.meta;
      const close = labelEnd(text, start + 2, end);
      if (close < 0) continue;
      const altValue = text.slice(start + 2, close);
      const attrs: BodyAttribute[] = [{ name: 'alt', value: altValue, range: range(start + 2, close), valueRange: range(start + 2, close) }];
      if (text[close + 1] === '(') {
        let at = close + 2;
        while (at < end && /[ \t\n]/.test(text[at])) at++;
        const destination = imageFinder.helpers.parseLinkDestination(text, at, end);
        if (destination.ok) {
          const raw = text.slice(at, destination.pos);
          const angled = raw.startsWith('<');
          const value = angled ? raw.slice(1, -1) : raw;
          attrs.push({ name: 'src', value, range: range(at, destination.pos), valueRange: range(at + (angled ? 1 : 0), at + (angled ? 1 : 0) + value.length) });
          let t = destination.pos;
          while (t < end && /[ \t\n]/.test(text[t])) t++;
          const title = imageFinder.helpers.parseLinkTitle(text, t, end);
          if (title.ok && t > destination.pos) attrs.push({ name: 'title', value: text.slice(t + 1, title.pos - 1), range: range(t, title.pos), valueRange: range(t + 1, title.pos - 1) });
        } else if (text[at] === ')') {
          // `![alt]()`: an image with an empty address.
          attrs.push({ name: 'src', value: '', range: range(at, at), valueRange: range(at, at) });
        }
      } else {
        const label = text[close + 1] === '[' ? text.slice(close + 2, Math.max(close + 2, labelEnd(text, close + 2, end))) : '';
        defined ??= definitions(marked, base);
        const definition = defined.get(normaliseLabel(label || altValue));
        if (definition) {
          attrs.push({ name: 'src', value: definition.src, range: definition.srcRange, valueRange: definition.srcValueRange });
          if (definition.title) attrs.push({ name: 'title', ...definition.title });
        }
      }
      const imageRange = range(start, end);
      const found = image('markdown', imageRange, attrs, { link: links[links.length - 1]?.link, markdownCaption: markdownCaption(marked, imageRange.offset - base + imageRange.length, base) });
      links[links.length - 1]?.images.push(found);
      images.push(found);
    }
  }
  return images;
}

export function parseBody(text: string, range: Range, kind: 'markdown' | 'html'): BodyModel {
  const raw = text.slice(range.offset, range.offset + range.length);
  let masked: string;
  let markdownImageList: BodyImage[] = [];
  if (kind === 'markdown') {
    // Markdown reads the text with Liquid as a placeholder (an address made by Liquid is an address); the rest of
    // the model reads blanks.
    const marked = blankMarkdownCode(maskLiquid(raw, LIQUID));
    markdownImageList = markdownImages(marked, range.offset);
    masked = marked.replace(LIQUID_RUN, ' ');
  } else masked = maskLiquid(raw);
  const html = htmlElements(masked, range.offset);
  const images = [...html.images, ...markdownImageList].sort((a, b) => a.range.offset - b.range.offset);
  let cheerio: CheerioAPI | undefined;
  return {
    range,
    masked,
    dom: html.dom,
    get $() {
      return (cheerio ??= load(html.dom, null, false));
    },
    images,
    scripts: html.scripts,
    emptyParagraphs: html.emptyParagraphs,
    holdsImage: html.holdsImage,
  };
}
