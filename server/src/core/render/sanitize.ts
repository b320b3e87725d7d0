/**
 * The rendered article made safe to show in the editor's preview, with sanitize-html (a maintained allow-list
 * sanitizer on htmlparser2): only article elements and attributes are kept; no script, event handler or
 * `javascript:` URL survives; scripts, frames, objects, embeds, forms and inline SVG or MathML become a labelled
 * placeholder; `<style>`, `<meta>`, `<base>`, `<link>` and `<noscript>` go with their content. `data:` URLs are
 * kept only for raster images in `<img>`. Elements whose parsing differs between htmlparser2 and a browser (foreign
 * content, raw-text elements) are removed whole, so nothing a browser re-reads can turn into markup (mutation XSS).
 * Hotlinked news images need their `referrerpolicy`: it is kept.
 */
import { load } from 'cheerio/slim';
import sanitizeHtml from 'sanitize-html';
import { IMAGE_ATTRIBUTE, LINE_ATTRIBUTE } from './sourceLines';

/** Elements shown as a placeholder: what they would run or load is not the article's text. */
const PLACEHOLDER_TAGS: Record<string, string> = {
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
};

/** Removed with everything inside, silently. */
const DROPPED = ['style', 'meta', 'base', 'link', 'noscript', 'template', 'title', 'head', 'xmp', 'noembed', 'noframes', 'plaintext', 'textarea', 'select', 'option', 'button', 'input'];

const ARTICLE_TAGS = [
  ...sanitizeHtml.defaults.allowedTags,
  'img', 'picture', 'source', 'figure', 'figcaption', 'video', 'audio', 'track', 'del', 'ins', 's', 'u', 'small', 'sub', 'sup', 'mark', 'center', 'font', 'details', 'summary', 'section', 'article', 'header', 'footer', 'aside', 'nav', 'main', 'span', 'div',
];

const SAFE_CSS_VALUE = /^(?!.*(?:expression|url\s*\(|javascript:|@import|behaviou?r|-moz-binding|\\|\/\*)).*$/i;
const STYLE_PROPERTIES = ['color', 'background-color', 'text-align', 'font-weight', 'font-style', 'font-size', 'text-decoration', 'width', 'height', 'max-width', 'margin', 'margin-left', 'margin-right', 'padding', 'display', 'float', 'clear', 'vertical-align', 'border'];

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
  allowedStyles: { '*': Object.fromEntries(STYLE_PROPERTIES.map((property) => [property, [SAFE_CSS_VALUE]])) },
  disallowedTagsMode: 'discard',
  nonTextTags: [...DROPPED, 'script', 'iframe', 'object', 'embed', 'applet', 'svg', 'math', 'frame', 'frameset'],
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

const PLACEHOLDER_SELECTOR = Object.keys(PLACEHOLDER_TAGS).join(',');
const DROPPED_SELECTOR = DROPPED.join(',');

/**
 * The rendered article as the preview may show it. First, on the same parser (htmlparser2), the elements that become
 * placeholders are replaced whole (their content included) and the dropped ones removed; then the allow-list.
 * Unknown-Liquid markers are plain text and stay visible.
 */
export function sanitizeArticle(html: string): string {
  const $ = load(html, { xml: false }, false);
  $(DROPPED_SELECTOR).remove();
  $(PLACEHOLDER_SELECTOR).each((_, element) => {
    const name = 'tagName' in element ? element.tagName.toLowerCase() : '';
    const placeholder = $('<div class="newsdesk-placeholder"></div>').attr('data-newsdesk-removed', name).text(PLACEHOLDER_TAGS[name] ?? `${name} removed`);
    $(element).replaceWith(placeholder);
  });
  return sanitizeHtml($.html(), OPTIONS);
}
