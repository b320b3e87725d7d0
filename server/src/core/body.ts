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
}

/** Replaces `{{ … }}`, `{% … %}` and the inside of `{% raw %}` blocks by spaces (or `fill`), keeping line breaks and
 * length. */
export function maskLiquid(text: string, fill = ' '): string {
  const blank = (s: string) => s.replace(/[^\n\r]/g, fill);
  return text
    .replace(/\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}/g, blank)
    .replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, blank);
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
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
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
function htmlElements(masked: string, base: number): Pick<BodyModel, 'dom' | 'images' | 'scripts' | 'emptyParagraphs'> {
  const dom = parseDocument(masked, { withStartIndices: true, withEndIndices: true, decodeEntities: true, lowerCaseTags: true });
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
      // An `<img>` is void: its element is its tag.
      images.push(image('html', { offset: base + start, length: end - start }, attributesOf(masked.slice(start, end), base + start), { link, element: node }));
    } else if (node.name === 'script') {
      scripts.push({ offset: base + start, length: end - start });
    } else if (node.name === 'p' && masked.slice(end - 4, end).toLowerCase() === '</p>' && isEmptyParagraph(node)) {
      // Only a paragraph written out whole (`<p>…</p>`), not one closed implicitly by the parser.
      emptyParagraphs.push({ offset: base + start, length: end - start });
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return { dom, images, scripts, emptyParagraphs };
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
  const re = /^ {0,3}\[([^\]\n]{1,999})\]:[ \t]*(<[^>\n]*>|\S+)(?:[ \t]+("[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$/gm;
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

/** `![alt](src "title")` on one line, and `![alt][label]`, `![alt][]`, `![alt]` with a definition. */
function markdownImages(masked: string, base: number): BodyImage[] {
  const images: BodyImage[] = [];
  const inline = /!\[([^\]\n]*)\]\([ \t]*(<[^>\n]*>|[^\s)]*)(?:[ \t]+("[^"\n]*"|'[^'\n]*'))?[ \t]*\)/g;
  let m: RegExpExecArray | null;
  while ((m = inline.exec(masked))) {
    const start = m.index;
    const altStart = start + 2;
    const srcRaw = m[2];
    // `![` alt `](` then blanks, then the source.
    const open = altStart + m[1].length + 2;
    let srcStart = open;
    while (masked[srcStart] === ' ' || masked[srcStart] === '\t') srcStart++;
    const src = srcRaw.startsWith('<') ? srcRaw.slice(1, -1) : srcRaw;
    const srcValueStart = srcRaw.startsWith('<') ? srcStart + 1 : srcStart;
    const attrs: BodyAttribute[] = [
      { name: 'alt', value: m[1], range: { offset: base + altStart, length: m[1].length }, valueRange: { offset: base + altStart, length: m[1].length } },
      { name: 'src', value: src, range: { offset: base + srcStart, length: srcRaw.length }, valueRange: { offset: base + srcValueStart, length: src.length } },
    ];
    if (m[3]) {
      const titleStart = m.index + m[0].lastIndexOf(m[3]);
      attrs.push({ name: 'title', value: m[3].slice(1, -1), range: { offset: base + titleStart, length: m[3].length }, valueRange: { offset: base + titleStart + 1, length: m[3].length - 2 } });
    }
    images.push(image('markdown', { offset: base + start, length: m[0].length }, attrs, { markdownCaption: markdownCaption(masked, start + m[0].length, base) }));
  }
  if (!masked.includes(']:')) return images;
  const defined = definitions(masked, base);
  if (defined.size === 0) return images;
  // Reference-style: `![alt][label]`, `![alt][]` (the alt is the label) and `![alt]` alone (not followed by `(` or `[`).
  const reference = /!\[([^\]\n]*)\](?:\[([^\]\n]*)\]|(?![([]))/g;
  while ((m = reference.exec(masked))) {
    const definition = defined.get(normaliseLabel(m[2] || m[1]));
    if (!definition) continue;
    const altStart = m.index + 2;
    const attrs: BodyAttribute[] = [
      { name: 'alt', value: m[1], range: { offset: base + altStart, length: m[1].length }, valueRange: { offset: base + altStart, length: m[1].length } },
      { name: 'src', value: definition.src, range: definition.srcRange, valueRange: definition.srcValueRange },
    ];
    if (definition.title) attrs.push({ name: 'title', ...definition.title });
    images.push(image('markdown', { offset: base + m.index, length: m[0].length }, attrs, { markdownCaption: markdownCaption(masked, m.index + m[0].length, base) }));
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
  };
}
