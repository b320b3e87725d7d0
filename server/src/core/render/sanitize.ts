/**
 * The rendered article made safe to show in the editor's preview, with sanitize-html (a maintained allow-list
 * sanitizer on htmlparser2): only article elements and attributes are kept; no script, event handler or
 * `javascript:` URL survives; scripts, frames, objects, embeds, forms and inline SVG or MathML become a labelled
 * placeholder; `<style>`, `<meta>`, `<base>`, `<link>` and `<noscript>` go with their content. `data:` URLs are
 * kept only for raster images in `<img>`. Elements whose parsing differs between htmlparser2 and a browser (foreign
 * content, raw-text elements) are removed whole, so nothing a browser re-reads can turn into markup (mutation XSS).
 * Hotlinked news images need their `referrerpolicy`: it is kept.
 *
 * One parse, sanitize-html's own: the placeholders and the removals are its hooks (`nonTextTags`, `transformTags`,
 * `textFilter`, `onOpenTag`), and `style` attributes are cut down by `filterInlineStyle` instead of postcss. A first pass through
 * cheerio, with postcss on each `style`, took about 90% of the time on the longest corpus post (cheerio writes every
 * non-ASCII character back as a numeric entity, which sanitize-html then decoded again).
 */
import sanitizeHtml from 'sanitize-html';
import { filterInlineStyle } from './inlineStyle';
import { IMAGE_ATTRIBUTE, LINE_ATTRIBUTE } from './sourceLines';

/** Elements shown as a placeholder: what they would run or load is not the article's text. */
const PLACEHOLDER_TAGS = new Map(Object.entries({
  script: 'script removed',
  iframe: 'embedded frame removed',
  frame: 'embedded frame removed',
  frameset: 'embedded frame removed',
  object: 'embedded object removed',
  embed: 'embedded object removed',
  applet: 'embedded object removed',
  form: 'form removed',
  svg: 'SVG removed',
  math: 'MathML removed',
}));

/** Removed with everything inside, silently. */
const DROPPED = ['style', 'meta', 'base', 'link', 'noscript', 'template', 'title', 'head', 'xmp', 'noembed', 'noframes', 'plaintext', 'textarea', 'select', 'option', 'button', 'input'];

const ARTICLE_TAGS = [
  ...sanitizeHtml.defaults.allowedTags,
  'img', 'picture', 'source', 'figure', 'figcaption', 'video', 'audio', 'track', 'del', 'ins', 's', 'u', 'small', 'sub', 'sup', 'mark', 'center', 'font', 'details', 'summary', 'section', 'article', 'header', 'footer', 'aside', 'nav', 'main', 'span', 'div',
];

/** Each with its values checked by `filterInlineStyle`: words, numbers, colours, no URL, string or escape. */
const STYLE_PROPERTIES = ['color', 'background-color', 'text-align', 'font-weight', 'font-style', 'font-size', 'text-decoration', 'width', 'height', 'max-width', 'margin', 'margin-left', 'margin-right', 'padding', 'display', 'float', 'clear', 'vertical-align', 'border'];

const STYLE_ALLOWED: ReadonlySet<string> = new Set(STYLE_PROPERTIES);

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...new Set([...ARTICLE_TAGS])].filter((tag) => !DROPPED.includes(tag)),
  allowedAttributes: {
    '*': ['class', 'id', 'title', 'lang', 'dir', 'style', 'align', 'data-newsdesk-removed', LINE_ATTRIBUTE],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'referrerpolicy', 'loading', 'decoding', IMAGE_ATTRIBUTE],
    source: ['src', 'srcset', 'sizes', 'type', 'media'],
    video: ['src', 'poster', 'controls', 'width', 'height', 'preload', 'muted', 'loop'],
    audio: ['src', 'controls', 'preload', 'muted', 'loop'],
    track: ['src', 'kind', 'srclang', 'label'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    ol: ['start', 'type', 'reversed'],
    font: ['color', 'size'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'srcset', 'poster', 'cite', 'action', 'background'],
  allowProtocolRelative: true,
  // `style` is filtered by the '*' transform below; sanitize-html's own filter would parse it again with postcss.
  parseStyleAttributes: false,
  disallowedTagsMode: 'discard',
  // Disallowed and listed here, an element goes with everything inside it, as htmlparser2 reads it.
  nonTextTags: [...DROPPED, ...PLACEHOLDER_TAGS.keys()],
  // Comments are dropped (sanitize-html never keeps them); `<!--` inside text is escaped on output.
  transformTags: {
    img: (tagName, attribs) => {
      const src = attribs.src ?? '';
      // Raster data: images only; an SVG data image cannot run script in <img>, but nothing in a news post needs one.
      if (/^\s*data:/i.test(src) && !/^\s*data:image\/(?:png|jpe?g|gif|webp|avif);/i.test(src)) delete attribs.src;
      return { tagName, attribs };
    },
  },
};

/**
 * What an element inside a placeholder becomes: a name not allowed, so dropped with its content, and one that no
 * post can hold (a tag name ends at a space), so no element of the post is taken for it.
 */
const INSIDE_PLACEHOLDER = 'inside placeholder';

/**
 * The options of one call: the allow-list, and hooks that make the placeholders as the parser goes. htmlparser2's
 * open and close events (`onOpenTag`, `onCloseTag`, balanced, as cheerio's tree was) say when an element that becomes
 * a placeholder is open. That element is written as an empty `div` holding its label (`transformTags` text); each
 * element inside it is renamed to one dropped with its content, and text inside it is written as nothing. The
 * placeholder and its attributes pass the allow-list like any element; if these hooks ever missed something, it
 * would still have been sanitised, only shown.
 */
function optionsOfOneCall(): sanitizeHtml.IOptions {
  /** The elements open from the outermost placeholder in, itself included; 0 outside any. */
  let placeholderDepth = 0;
  /** The next text written is the label of the placeholder just opened. */
  let labelNext = false;
  const placeholders = Object.fromEntries([...PLACEHOLDER_TAGS].map(([tag, label]) => [tag, (): sanitizeHtml.Tag => ({
    tagName: 'div',
    attribs: { class: 'newsdesk-placeholder', 'data-newsdesk-removed': tag },
    text: label,
  })]));
  return {
    ...OPTIONS,
    nonTextTags: [...(OPTIONS.nonTextTags ?? []), INSIDE_PLACEHOLDER],
    onOpenTag: (name) => {
      if (placeholderDepth > 0) placeholderDepth++;
      else if (PLACEHOLDER_TAGS.has(name)) {
        placeholderDepth = 1;
        labelNext = true;
      }
    },
    onCloseTag: () => {
      if (placeholderDepth > 0) placeholderDepth--;
      if (placeholderDepth === 0) labelNext = false;
    },
    transformTags: {
      ...OPTIONS.transformTags,
      ...placeholders,
      '*': (tagName, attribs) => {
        if (placeholderDepth > 1) return { tagName: INSIDE_PLACEHOLDER, attribs: {} };
        if (attribs.style !== undefined) {
          const style = filterInlineStyle(attribs.style, STYLE_ALLOWED);
          if (style) attribs.style = style;
          else delete attribs.style;
        }
        return { tagName, attribs };
      },
    },
    textFilter: (text) => {
      if (placeholderDepth === 0) return text;
      const label = labelNext;
      labelNext = false;
      return label ? text : '';
    },
  };
}

/**
 * The last article sanitised and its result: an edit that leaves the article as it was (the front matter, most
 * often) is not sanitised again. One entry, so one article's HTML twice at most is kept.
 */
let last: { html: string; safe: string } | undefined;

/**
 * The rendered article as the preview may show it: the allow-list, with the elements that become placeholders
 * replaced whole (their content included) and the dropped ones removed. Unknown-Liquid markers are plain text and
 * stay visible.
 */
export function sanitizeArticle(html: string): string {
  if (last?.html !== html) last = { html, safe: sanitizeHtml(html, optionsOfOneCall()) };
  return last.safe;
}

