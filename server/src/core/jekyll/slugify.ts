/**
 * Jekyll's slugs (Utils.slugify, Document#populate_title, Drops::UrlDrop#title), Jekyll 4.3.1.
 * A post's slug is the file name's part after the date, without trailing periods (or the front matter's `slug:`);
 * the permalink's `:title` is that slug run through slugify in `pretty` mode, case kept. An empty result makes Jekyll
 * warn `Empty \`slug\` generated for '…'.` and leave the URL without a name.
 */

export type SlugifyMode = 'raw' | 'default' | 'pretty' | 'ascii';

const REPLACEABLE: Record<SlugifyMode, RegExp> = {
  raw: /\s+/gu,
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  // "._~!$&'()+,;=@" is human readable (not URI-escaped) in a URL.
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
  ascii: /[^A-Za-z0-9]+/g,
};

/** `Utils.slugify(string, mode:, cased:)` (the `latin` mode, which transliterates first, is not ported). */
export function jekyllSlugify(text: string, mode: SlugifyMode = 'default', cased = false): string {
  // Runs of replaceable characters become one hyphen; then one leading and one trailing hyphen go (`gsub(/^-|-$/)`,
  // where Ruby's ^ and $ are line anchors).
  const slug = text.replace(REPLACEABLE[mode], '-').replace(/^-|-$/gm, '');
  return cased ? slug : slug.toLowerCase();
}

/** `populate_title`: the slug of a dated file name is the part after the date, trailing periods removed. */
export function fileNameSlug(slugPart: string): string {
  return slugPart.replace(/\.*$/, '');
}

/** What `:title` in a permalink becomes for a post: the front matter's `slug:` if set, else the file name's slug. */
export function permalinkTitle(fileSlugPart: string, frontMatterSlug?: string): string {
  return jekyllSlugify(frontMatterSlug ?? fileNameSlug(fileSlugPart), 'pretty', true);
}
