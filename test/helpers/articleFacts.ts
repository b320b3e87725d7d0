/**
 * What a reader gets from an article, for comparing our render with Jekyll's: the visible text (white space
 * normalised, hashed), the image sources in order, the headings (level and text) and the links (href and text).
 * Both sides are parsed as a browser parses them (parse5, through cheerio).
 */
import { createHash } from 'node:crypto';
import { load } from 'cheerio';
import type { AnyNode } from 'domhandler';

/** A short hash of a piece of article text: enough to compare, not the text. */
const short = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);

export interface ArticleFacts {
  /** sha256 (first 16 hex digits) of the visible text, white space collapsed. */
  text: string;
  /** Characters of visible text (after normalising), to see the size of a difference. */
  chars: number;
  images: string[];
  /** `h2 <hash of the text>`. */
  headings: string[];
  /** `href <hash of the text>`. */
  links: string[];
}

const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);
const BLOCK = new Set('address article aside blockquote body br dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul'.split(' '));

/** White space collapsed (a block boundary counts as white space) and trimmed. */
export const normaliseText = (text: string): string => text.replace(/\s+/gu, ' ').trim();

function visibleText(nodes: AnyNode[], out: string[]): void {
  for (const node of nodes) {
    if (node.type === 'text') out.push(node.data);
    else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const name = node.name.toLowerCase();
      if (HIDDEN.has(name)) continue;
      const block = BLOCK.has(name);
      if (block) out.push(' ');
      visibleText(node.children, out);
      if (block) out.push(' ');
    }
  }
}

export function articleFacts(html: string): ArticleFacts {
  const $ = load(html);
  const parts: string[] = [];
  visibleText($.root().children().toArray(), parts);
  const text = normaliseText(parts.join(''));
  const inner = (el: AnyNode) => {
    const out: string[] = [];
    visibleText([el], out);
    return normaliseText(out.join(''));
  };
  return {
    text: createHash('sha256').update(text).digest('hex').slice(0, 16),
    chars: [...text].length,
    images: $('img').toArray().map((img) => $(img).attr('src') ?? ''),
    headings: $('h1,h2,h3,h4,h5,h6').toArray().map((h) => `${'name' in h ? h.name : ''} ${short(inner(h))}`),
    links: $('a[href]').toArray().map((a) => `${$(a).attr('href') ?? ''} ${short(inner(a))}`),
  };
}

/** The visible text itself (for reports on this machine; never stored). */
export function articleText(html: string): string {
  const $ = load(html);
  const parts: string[] = [];
  visibleText($.root().children().toArray(), parts);
  return normaliseText(parts.join(''));
}
