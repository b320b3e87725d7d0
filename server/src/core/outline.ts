/**
 * The outline of a post: its front-matter fields, the headings of its body as kramdown reads them (ATX and setext
 * headings of Markdown, `<h1>`–`<h6>` of HTML) nested by level, and its images named by their caption or alt text,
 * each in the section it sits in. Ranges are offsets in the document; the editor's side turns them into positions.
 */
import type { Element } from 'domhandler';
import { maskLiquid, type BodyImage } from './body';
import type { Range } from './frontMatter';
import type { Post } from './post';
import { createKramdown } from './render/kramdown';
import { captions, MAX_CAPTIONED_IMAGES } from './rules/image/caption';
import type { SiteContext } from './site';

export type OutlineKind = 'frontMatter' | 'field' | 'heading' | 'image';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  /** What the symbol spans: a field's whole `key: value`, a heading's whole section, an image and its caption. */
  range: Range;
  /** What is selected when the symbol is picked: the key, the heading's text, the image; always inside `range`. */
  selectionRange: Range;
  children: OutlineSymbol[];
}

/** The most headings and images listed: a hostile post may hold tens of thousands. */
export const MAX_OUTLINE_SYMBOLS = 2000;
const MAX_DETAIL = 80;

const oneLine = (text: string, max = MAX_DETAIL): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const end = (range: Range) => range.offset + range.length;
const span = (from: number, to: number): Range => ({ offset: from, length: Math.max(0, to - from) });

function frontMatterSymbol(post: Post): OutlineSymbol | undefined {
  const fm = post.frontMatter;
  if (!fm) return undefined;
  const close = fm.closeRange ? end(fm.closeRange) : end(fm.contentRange);
  const fields = fm.entries.map<OutlineSymbol>((entry) => ({
    name: entry.key,
    detail: oneLine(entry.source),
    kind: 'field',
    range: span(entry.pairRange.offset, Math.max(end(entry.pairRange), end(entry.keyRange))),
    selectionRange: entry.keyRange,
    children: [],
  }));
  // The closing line's break is not part of the front matter a reader sees as a block.
  const to = post.text[close - 1] === '\n' ? (post.text[close - 2] === '\r' ? close - 2 : close - 1) : close;
  return { name: 'Front matter', kind: 'frontMatter', range: span(fm.openRange.offset, to), selectionRange: { offset: fm.openRange.offset, length: 3 }, children: fields };
}

interface Heading {
  level: number;
  name: string;
  /** The heading itself (its line or lines, or the element). */
  range: Range;
  selectionRange: Range;
}

/** The offsets where each line of `text` starts, breaking lines as markdown-it does (`\r\n`, `\r`, `\n`). */
function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

const kramdown = createKramdown();

/** ATX and setext headings as kramdown reads them (not inside block HTML or code); Liquid is blanked first. */
function markdownHeadings(post: Post): Heading[] {
  const { offset, length } = post.body.range;
  const text = maskLiquid(post.text.slice(offset, offset + length));
  const starts = lineStarts(text);
  const lineEnd = (line: number) => {
    const next = line + 1 < starts.length ? starts[line + 1] : text.length;
    let to = next;
    while (to > starts[line] && (text[to - 1] === '\n' || text[to - 1] === '\r')) to--;
    return to;
  };
  const tokens = kramdown.parse(text, {});
  const out: Heading[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type !== 'heading_open' || !token.map) continue;
    const inline = tokens[i + 1];
    const [first, after] = token.map;
    const name = oneLine((inline?.children ?? []).map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'image' ? child.content : '')).join('') || (inline?.content ?? ''), 200);
    const lineStart = starts[first];
    const lineText = text.slice(lineStart, lineEnd(first));
    // The heading's text on its (first) line: after the `#`s of an ATX heading, the line itself of a setext one.
    const content = inline?.content ?? '';
    const at = content ? lineText.indexOf(content) : -1;
    const selection = at === -1 ? span(lineStart, lineEnd(first)) : { offset: lineStart + at, length: content.length };
    out.push({
      level: Number(token.tag.slice(1)),
      name: name || '(empty heading)',
      range: { offset: offset + lineStart, length: lineEnd(after - 1) - lineStart },
      selectionRange: { offset: offset + selection.offset, length: selection.length },
    });
  }
  return out;
}

function textOf(element: Element): string {
  const parts: string[] = [];
  const stack = [...element.children].reverse();
  for (let seen = 0; stack.length > 0 && seen < 5000; seen++) {
    const node = stack.pop()!;
    if (node.type === 'text') parts.push(node.data);
    else if (node.type === 'tag') for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return oneLine(parts.join(''), 200);
}

/** `<h1>`–`<h6>` elements of the body (in block HTML of a Markdown post, or an HTML post). */
function htmlHeadings(post: Post): Heading[] {
  const model = post.bodyModel;
  const base = model.range.offset;
  const out: Heading[] = [];
  const stack = [...model.dom.children].reverse();
  while (stack.length > 0 && out.length < MAX_OUTLINE_SYMBOLS) {
    const node = stack.pop()!;
    if (node.type !== 'tag') continue;
    const level = /^h([1-6])$/.exec(node.name);
    if (level && node.startIndex !== null && node.endIndex !== null) {
      const from = node.startIndex;
      const to = node.endIndex + 1;
      const inner = node.children.length > 0 ? span(node.children[0].startIndex ?? from, (node.children[node.children.length - 1].endIndex ?? to - 1) + 1) : undefined;
      const selection = inner && inner.length > 0 ? inner : span(from, model.masked.indexOf('>', from) + 1 || to);
      out.push({ level: Number(level[1]), name: textOf(node) || '(empty heading)', range: { offset: base + from, length: to - from }, selectionRange: { offset: base + selection.offset, length: selection.length } });
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return out;
}

function imageSymbol(image: BodyImage, caption: { text: string; range?: Range } | undefined): OutlineSymbol {
  const alt = oneLine(image.attribute('alt')?.value ?? '', 200);
  const src = image.attribute('src')?.value ?? image.attribute('data-src')?.value ?? '';
  const name = caption?.text ? oneLine(caption.text, 200) : alt || src.split(/[?#]/)[0].split('/').filter(Boolean).pop() || '(image)';
  // The image and its caption, when the caption is an element of its own (a figcaption, the emphasis after it).
  const from = Math.min(image.range.offset, caption?.range?.offset ?? Infinity);
  const to = Math.max(end(image.range), caption?.range ? end(caption.range) : 0);
  return { name, detail: caption?.text ? 'figure' : 'image', kind: 'image', range: span(from, to), selectionRange: image.range, children: [] };
}

/** Headings nested by level, each spanning its section (up to the next heading of its level or above, or `bodyEnd`). */
function nestHeadings(text: string, headings: Heading[], bodyEnd: number): OutlineSymbol[] {
  const roots: OutlineSymbol[] = [];
  const open: Array<{ level: number; symbol: OutlineSymbol }> = [];
  const close = (at: number, level: number) => {
    // A section ends with its last text, not with the blank lines before the next heading.
    while (at > 0 && /\s/.test(text[at - 1])) at--;
    while (open.length > 0 && open[open.length - 1].level >= level) {
      const { symbol } = open.pop()!;
      symbol.range = span(symbol.range.offset, Math.max(at, end(symbol.range)));
    }
  };
  for (const heading of headings) {
    close(heading.range.offset, heading.level);
    const symbol: OutlineSymbol = { name: heading.name, detail: `h${heading.level}`, kind: 'heading', range: heading.range, selectionRange: heading.selectionRange, children: [] };
    (open.length > 0 ? open[open.length - 1].symbol.children : roots).push(symbol);
    open.push({ level: heading.level, symbol });
  }
  close(bodyEnd, 0);
  return roots;
}

/** Places an image in the deepest symbol whose range holds it (the section it is in), else at the top. */
function place(symbols: OutlineSymbol[], image: OutlineSymbol): void {
  let list = symbols;
  for (;;) {
    const holder = list.find((s) => s.kind === 'heading' && s.range.offset <= image.range.offset && end(image.range) <= end(s.range));
    if (!holder) break;
    list = holder.children;
  }
  let at = list.length;
  while (at > 0 && list[at - 1].range.offset > image.range.offset) at--;
  list.splice(at, 0, image);
}

export function outlineOf(post: Post, site: SiteContext): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  const fm = frontMatterSymbol(post);
  if (fm) out.push(fm);
  const headings = [...(post.body.kind === 'markdown' ? markdownHeadings(post) : []), ...htmlHeadings(post)].sort((a, b) => a.range.offset - b.range.offset).slice(0, MAX_OUTLINE_SYMBOLS);
  const body = nestHeadings(post.text, headings, end(post.body.range));
  const finder = captions(post.bodyModel, site);
  post.bodyModel.images.slice(0, MAX_CAPTIONED_IMAGES).forEach((image) => place(body, imageSymbol(image, finder.captionOf(image))));
  return [...out, ...body];
}
