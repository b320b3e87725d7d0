/**
 * The body model: the article after the front matter, with Liquid masked (same length, so offsets hold), the code
 * that Markdown shows literally blanked, and every image (`<img>` and Markdown `![alt](src "title")`) with the exact
 * range of the element and of each attribute. Derived once per document version, like the front matter.
 */
import { Parser } from 'htmlparser2';
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

export interface BodyImage {
  syntax: 'html' | 'markdown';
  /** The link the image sits in, when it does (an image that opens a larger copy, a zoom button). */
  link?: { href: string; attributes: Record<string, string> };
  /** The whole `<img …>` tag or `![…](…)`. */
  range: Range;
  attributes: BodyAttribute[];
  attribute(name: string): BodyAttribute | undefined;
}

export interface BodyModel {
  /** The body's range in the document. */
  range: Range;
  /** The body text with Liquid masked by spaces and Markdown code blanked: what the checks read. */
  masked: string;
  images: BodyImage[];
  /** `<script>` elements, from the opening tag to the end of the closing one. */
  scripts: Range[];
  /** Paragraphs with nothing visible in them (`<p></p>`, `<p>&nbsp;</p>`, `<p><br></p>`), whole. */
  emptyParagraphs: Range[];
}

/** Replaces `{{ … }}`, `{% … %}` and the inside of `{% raw %}` blocks by spaces, keeping line breaks and length. */
export function maskLiquid(text: string): string {
  const blank = (s: string) => s.replace(/[^\n\r]/g, ' ');
  return text
    .replace(/\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}/g, blank)
    .replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, blank);
}

const markdown = new MarkdownIt({ html: true });

/** Blanks the lines of fenced and indented code blocks and the text of code spans: Markdown shows them literally. */
function blankMarkdownCode(text: string): string {
  const lines = text.split('\n');
  for (const token of markdown.parse(text, {})) {
    if ((token.type === 'fence' || token.type === 'code_block') && token.map) {
      for (let line = token.map[0]; line < token.map[1] && line < lines.length; line++) lines[line] = lines[line].replace(/[^\r]/g, ' ');
    }
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

function image(syntax: BodyImage['syntax'], range: Range, attributes: BodyAttribute[], link?: BodyImage['link']): BodyImage {
  return { syntax, range, attributes, link, attribute: (name) => attributes.find((a) => a.name === name) };
}

function htmlElements(masked: string, base: number): Pick<BodyModel, 'images' | 'scripts' | 'emptyParagraphs'> {
  const images: BodyImage[] = [];
  const scripts: Range[] = [];
  const emptyParagraphs: Range[] = [];
  let scriptStart: number | undefined;
  // The open paragraph, and whether anything visible was seen in it.
  let paragraph: { start: number; visible: boolean } | undefined;
  // The open links, innermost last (bounded: a post does not nest links, a hostile one may).
  const links: Array<NonNullable<BodyImage['link']>> = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const start = parser.startIndex;
        // Implicit closes at the end of the text report an index past it: clamp.
        const end = Math.min(parser.endIndex + 1, masked.length);
        if (name === 'a' && links.length < 64) links.push({ href: attributes.href ?? '', attributes });
        if (name === 'img') {
          images.push(image('html', { offset: base + start, length: end - start }, attributesOf(masked.slice(start, end), base + start), links[links.length - 1]));
          if (paragraph) paragraph.visible = true;
        } else if (name === 'script') scriptStart = start;
        else if (name === 'p') paragraph = { start, visible: false };
        else if (paragraph && name !== 'br' && name !== 'span') paragraph.visible = true;
      },
      ontext(text) {
        if (paragraph && text.replace(/[\s\u00a0\u200b]/g, '') !== '') paragraph.visible = true;
      },
      onclosetag(name) {
        if (name === 'a') links.pop();
        // Implicit closes at the end of the text report an index past it: clamp.
        const end = Math.min(parser.endIndex + 1, masked.length);
        if (name === 'script' && scriptStart !== undefined) {
          scripts.push({ offset: base + scriptStart, length: end - scriptStart });
          scriptStart = undefined;
        } else if (name === 'p' && paragraph) {
          // Only a paragraph written out whole (`<p>…</p>`), not one closed implicitly by the parser.
          if (!paragraph.visible && masked.slice(end - 4, end).toLowerCase() === '</p>') emptyParagraphs.push({ offset: base + paragraph.start, length: end - paragraph.start });
          paragraph = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(masked);
  return { images, scripts, emptyParagraphs };
}

/** `![alt](src "title")` on one line; the alt and src become attributes with their ranges. */
function markdownImages(masked: string, base: number): BodyImage[] {
  const images: BodyImage[] = [];
  const re = /!\[([^\]\n]*)\]\([ \t]*(<[^>\n]*>|[^\s)]*)(?:[ \t]+("[^"\n]*"|'[^'\n]*'))?[ \t]*\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(masked))) {
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
    images.push(image('markdown', { offset: base + start, length: m[0].length }, attrs));
  }
  return images;
}

export function parseBody(text: string, range: Range, kind: 'markdown' | 'html'): BodyModel {
  const raw = text.slice(range.offset, range.offset + range.length);
  const liquidFree = maskLiquid(raw);
  const masked = kind === 'markdown' ? blankMarkdownCode(liquidFree) : liquidFree;
  const html = htmlElements(masked, range.offset);
  const images = [...html.images, ...(kind === 'markdown' ? markdownImages(masked, range.offset) : [])].sort((a, b) => a.range.offset - b.range.offset);
  return { range, masked, images, scripts: html.scripts, emptyParagraphs: html.emptyParagraphs };
}
