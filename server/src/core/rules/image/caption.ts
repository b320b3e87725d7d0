/**
 * An image's caption as a reader of the published page sees it, looked for where newsrooms and feeds put it: the
 * figure's `figcaption`, an element with a caption class right after the image (WordPress' `.wp-caption-text`, the
 * reference post's `span.lead_image_caption`, any `*caption*` class, or the site's own selectors under
 * `newsdesk: captions:`), a `data-caption` on the link around it, and emphasised text right after it. A `title` is
 * not one: it shows only as a tooltip, never on a phone. Found once per image and shared by the rules.
 */
import { compile } from 'css-select';
import { parse, type Selector } from 'css-what';
import type { ChildNode, Element } from 'domhandler';
import { ancestor, type BodyImage, type BodyModel } from '../../body';
import type { Range } from '../../frontMatter';
import type { SiteContext } from '../../site';
import { isDecoration } from './decoration';

export interface Caption {
  kind: 'figcaption' | 'class' | 'data-caption' | 'emphasis' | 'markdown';
  /** The caption's text, blanks collapsed. */
  text: string;
  /** The caption element (or Markdown emphasis), when it is one. */
  range?: Range;
}

/** Built in; the site adds its own under `newsdesk: captions: selectors:`. */
export const CAPTION_SELECTORS = ['figcaption', '.wp-caption-text', 'span.lead_image_caption', '.photo-caption', '.image-caption', '[class*="caption" i]'];

/** Elements that carry a caption when they come right after an image and hold only emphasised text. */
const EMPHASIS = new Set(['em', 'i', 'small', 'cite']);
/** How far to look: a caption sits next to its image, not paragraphs away. */
const MAX_LEVELS = 6;
const MAX_SIBLINGS = 3;
/** The images of one post looked at for captions: a hostile post may have tens of thousands. */
export const MAX_CAPTIONED_IMAGES = 500;

const collapse = (text: string) => text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

function textOf(node: ChildNode): string {
  const parts: string[] = [];
  const stack: ChildNode[] = [node];
  for (let seen = 0; stack.length > 0 && seen < 5000; seen++) {
    const at = stack.pop()!;
    if (at.type === 'text') parts.push(at.data);
    else if (at.type === 'tag') for (let i = at.children.length - 1; i >= 0; i--) stack.push(at.children[i]);
  }
  return collapse(parts.join(''));
}

const isBlank = (node: ChildNode) => node.type === 'comment' || (node.type === 'text' && collapse(node.data) === '') || (node.type === 'tag' && node.name === 'br');

/** The image, or the largest wrapper around it that holds nothing else (its link, its `<p>`, its `<div>`). */
function frameOf(element: Element): Element {
  let frame = element;
  for (let level = 0; level < MAX_LEVELS; level++) {
    const parent = frame.parent;
    if (!parent || parent.type !== 'tag' || parent.name === 'figure') break;
    if (!parent.children.every((child) => child === frame || isBlank(child))) break;
    frame = parent;
  }
  return frame;
}

/** The next siblings of a node that show something, at most `limit`. */
function nextShown(node: ChildNode, limit: number): ChildNode[] {
  const out: ChildNode[] = [];
  for (let at = node.next; at && out.length < limit; at = at.next) if (!isBlank(at)) out.push(at);
  return out;
}

function rangeOf(model: BodyModel, node: ChildNode): Range {
  const start = node.startIndex ?? 0;
  const end = Math.min((node.endIndex ?? start) + 1, model.masked.length);
  return { offset: model.range.offset + start, length: end - start };
}

/** jQuery's positional filters (`:first`, `:eq(1)`…): cheerio applies them to the set it tests, not through css-select. */
const POSITIONAL = new Set(['first', 'last', 'eq', 'gt', 'nth', 'lt', 'even', 'odd']);
const isPositional = (part: Selector): boolean =>
  part.type === 'pseudo' && (POSITIONAL.has(part.name) || (part.name === 'not' && Array.isArray(part.data) && part.data.some((group) => group.some(isPositional))));

const compiledSelectors = new Map<string, ((element: Element) => boolean) | undefined>();

/**
 * The selector compiled once, as cheerio's `is` compiles it on every call (css-select, default options), or undefined
 * when only cheerio can test it (positional filters; a selector that does not parse throws there as before).
 */
export function compiledSelector(selector: string): ((element: Element) => boolean) | undefined {
  if (!compiledSelectors.has(selector)) {
    let test: ((element: Element) => boolean) | undefined;
    try {
      const groups = parse(selector);
      if (groups.length > 0 && !groups.some((group) => group.some(isPositional))) test = compile<ChildNode, Element>(groups);
    } catch {
      test = undefined;
    }
    // The selectors come from the site's settings: a handful per process, unless they keep changing.
    if (compiledSelectors.size >= 64) compiledSelectors.clear();
    compiledSelectors.set(selector, test);
  }
  return compiledSelectors.get(selector);
}

/** The first descendant element with this tag name, in document order (without recursion: bodies nest deep). */
export function firstDescendant(node: Element, name: string): Element | undefined {
  const stack: ChildNode[] = [];
  for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (at.type !== 'tag' && at.type !== 'script' && at.type !== 'style') continue;
    if (at.name === name) return at;
    for (let i = at.children.length - 1; i >= 0; i--) stack.push(at.children[i]);
  }
  return undefined;
}

export class CaptionFinder {
  private readonly selector: string;
  private readonly test: ((element: Element) => boolean) | undefined;
  private readonly found = new Map<BodyImage, Caption | undefined>();
  /** The first figcaption of each figure, looked for once per figure. */
  private readonly figcaptions = new Map<Element, Element | undefined>();

  constructor(
    private readonly model: BodyModel,
    site: SiteContext,
  ) {
    this.selector = [...CAPTION_SELECTORS, ...(site.settings.captions?.selectors ?? [])].join(', ');
    this.test = compiledSelector(this.selector);
  }

  captionOf(image: BodyImage): Caption | undefined {
    if (!this.found.has(image)) this.found.set(image, this.find(image));
    return this.found.get(image);
  }

  private matches(node: ChildNode): boolean {
    if (node.type !== 'tag') return false;
    return this.test ? this.test(node) : this.model.$(node).is(this.selector);
  }

  private find(image: BodyImage): Caption | undefined {
    if (image.syntax === 'markdown') {
      return image.markdownCaption && { kind: 'markdown', text: collapse(image.markdownCaption.text), range: image.markdownCaption.range };
    }
    const element = image.element;
    if (!element) return undefined;
    const figure = ancestor(element, 'figure', MAX_LEVELS);
    if (figure && !this.figcaptions.has(figure)) this.figcaptions.set(figure, firstDescendant(figure, 'figcaption'));
    const figcaption = figure && this.figcaptions.get(figure);
    if (figcaption) return { kind: 'figcaption', text: textOf(figcaption), range: rangeOf(this.model, figcaption) };
    const dataCaption = image.link?.attributes['data-caption'];
    if (dataCaption !== undefined && collapse(dataCaption) !== '') return { kind: 'data-caption', text: collapse(dataCaption) };
    // Right after the image or the wrapper it fills: a caption element, or one that opens the next block.
    const frame = frameOf(element);
    const after = [...nextShown(element, 1), ...(frame === element ? [] : nextShown(frame, MAX_SIBLINGS))];
    for (const node of after) {
      if (node.type !== 'tag') break;
      if (node.name === 'img' || this.model.holdsImage(node)) break;
      if (this.matches(node)) return { kind: 'class', text: textOf(node), range: rangeOf(this.model, node) };
      const first = node.children.find((child) => !isBlank(child));
      if (first && this.matches(first)) return { kind: 'class', text: textOf(first), range: rangeOf(this.model, first) };
      if (EMPHASIS.has(node.name)) return { kind: 'emphasis', text: textOf(node), range: rangeOf(this.model, node) };
      // A paragraph of emphasised text only (`<p><em>The caption.</em></p>`).
      const shown = node.children.filter((child) => !isBlank(child));
      if (shown.length === 1 && shown[0].type === 'tag' && EMPHASIS.has(shown[0].name)) return { kind: 'emphasis', text: textOf(node), range: rangeOf(this.model, node) };
      // A short block right after the image that says what its alt says (an outlet's own caption class).
      const text = textOf(node);
      const alt = collapse(image.attribute('alt')?.value ?? '');
      if (alt.length >= 4 && text.length >= 4 && text.length <= 300 && (text.startsWith(alt) || alt.startsWith(text))) return { kind: 'class', text, range: rangeOf(this.model, node) };
      break;
    }
    return undefined;
  }
}

const finders = new WeakMap<BodyModel, { site: SiteContext; finder: CaptionFinder }>();

/** The caption finder of a post's body, shared by the caption rules of one check (of one site's settings). */
export function captions(model: BodyModel, site: SiteContext): CaptionFinder {
  let entry = finders.get(model);
  if (entry?.site !== site) finders.set(model, (entry = { site, finder: new CaptionFinder(model, site) }));
  return entry.finder;
}

const IMAGE_FILE = /\.(jpe?g|png|gif|webp|avif|bmp|tiff?|svg)(?:[?#]|$)/i;
/** Portraits of the writer or the people quoted (a profile picture beside a name) carry no caption. */
const PORTRAIT = /\/(profiles?|avatars?|headshots?|authors?)\//i;

/** Whether an image is one readers expect a caption on: news content, not an icon, a pixel or a zoom thumbnail. */
export function needsCaption(image: BodyImage, site: SiteContext): boolean {
  if (isDecoration(image, site.settings.captions?.skip)) return false;
  if (PORTRAIT.test(image.attribute('src')?.value ?? '')) return false;
  // A thumbnail inside a link to a larger copy of itself: the caption is on the page the link opens.
  const href = image.link?.href ?? '';
  return !(href && IMAGE_FILE.test(href));
}
