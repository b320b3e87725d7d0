/**
 * Where each part of the rendered article comes from, for the preview's navigation: block elements carry the
 * document line they start on (`data-line`, as VS Code's Markdown preview does), and each `<img>` that stands for an
 * image of the body model carries that image's index (`data-newsdesk-image`), so that the editor's problems can be
 * shown on it. Only the preview asks for this; the faithful render (fidelity tests, `render --raw`) never has it.
 */
import { Parser } from 'htmlparser2';

export const LINE_ATTRIBUTE = 'data-line';
export const IMAGE_ATTRIBUTE = 'data-newsdesk-image';

/** Offsets of the line starts of a text. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** The line (0-based) of an offset, given the line starts. */
export function lineAtOffset(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** How far ahead in the template a line of output is looked for. */
const LOOKAHEAD = 64;

/**
 * For each line of Liquid's output, the line of the template it came from. Text outside Liquid tags comes out as
 * written, so equal lines are matched in order (blank lines never anchor: they are everywhere); a line Liquid made
 * (an include, a loop) maps to the template line being read at that point. Linear: each output line looks at most
 * LOOKAHEAD template lines ahead.
 */
export function liquidLineMap(template: string, output: string): (line: number) => number {
  if (template === output) return (line) => line;
  const source = template.split('\n');
  const lines = output.split('\n');
  const map = new Int32Array(lines.length);
  let next = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let found = -1;
    if (line.trim() !== '') {
      const stop = Math.min(source.length, next + LOOKAHEAD);
      for (let j = next; j < stop; j++) {
        if (source[j] === line) {
          found = j;
          break;
        }
      }
    }
    if (found === -1) {
      map[i] = Math.min(next, source.length - 1);
      // A blank line over a blank line: both are read.
      if (line.trim() === '' && next < source.length && source[next].trim() === '') next++;
    } else {
      map[i] = found;
      next = found + 1;
    }
  }
  return (line) => map[Math.max(0, Math.min(line, map.length - 1))];
}

export interface Annotations {
  /** The document line of an offset of the HTML, for `data-line` on every start tag; none when absent. */
  lineAt?: (offset: number) => number;
  /** The `src` of the body model's images in document order (undefined: no `src`), for `data-newsdesk-image`. */
  images?: ReadonlyArray<string | undefined>;
}

/** How many model images ahead a rendered image's `src` is looked for (images Liquid makes match none). */
const IMAGE_LOOKAHEAD = 8;

const comparable = (src: string | undefined): string | undefined => {
  if (src === undefined) return undefined;
  const trimmed = src.trim();
  try {
    return decodeURI(trimmed);
  } catch {
    return trimmed;
  }
};

/**
 * Inserts the attributes right after the tag name of each start tag: a tag name always ends before white space,
 * `/` or `>`, so the tag stays well formed, and an attribute of the same name that the post wrote comes after ours
 * (the first one counts, in browsers and htmlparser2 alike). Nothing else of the HTML changes.
 */
export function annotateHtml(html: string, annotations: Annotations): string {
  const { lineAt, images } = annotations;
  const wanted = images?.map(comparable) ?? [];
  let nextImage = 0;
  const inserts: Array<[number, string]> = [];
  let tagStart = -1;
  let tagName = '';
  let src: string | undefined;
  const parser = new Parser(
    {
      onopentagname(name) {
        tagStart = parser.startIndex;
        tagName = name;
        src = undefined;
      },
      onattribute(name, value) {
        if (name === 'src' && src === undefined) src = value;
      },
      onopentag(name) {
        const at = tagStart + 1 + tagName.length;
        // The name as written must be where the parser says (always so for tags it read from the text).
        if (tagStart < 0 || html.slice(tagStart + 1, at).toLowerCase() !== tagName) return;
        let added = '';
        if (lineAt) added += ` ${LINE_ATTRIBUTE}="${lineAt(tagStart)}"`;
        if (name === 'img' && images) {
          const key = comparable(src);
          const stop = Math.min(wanted.length, nextImage + IMAGE_LOOKAHEAD);
          for (let k = nextImage; k < stop; k++) {
            if (wanted[k] === key) {
              added += ` ${IMAGE_ATTRIBUTE}="${k}"`;
              nextImage = k + 1;
              break;
            }
          }
        }
        if (added) inserts.push([at, added]);
        tagStart = -1;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  if (inserts.length === 0) return html;
  let out = '';
  let last = 0;
  for (const [at, text] of inserts) {
    out += html.slice(last, at) + text;
    last = at;
  }
  return out + html.slice(last);
}

/** `lineAt` over an HTML text: the line of an offset within it, taken to the document by `toDocument`. */
export function linesOf(html: string, toDocument: (line: number) => number): (offset: number) => number {
  const starts = lineStarts(html);
  return (offset) => toDocument(lineAtOffset(starts, offset));
}
