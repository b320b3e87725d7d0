/** What image rules share: the address as written (not as masked), and whether Liquid makes it. */
import type { BodyAttribute, BodyImage } from '../../body';
import type { Post } from '../../post';
import type { Fix } from '../../types';

/** The attribute's value as the author wrote it; undefined when Liquid writes (part of) it. */
export function writtenValue(post: Post, attribute: BodyAttribute | undefined): string | undefined {
  if (!attribute) return undefined;
  const text = post.text.slice(attribute.valueRange.offset, attribute.valueRange.offset + attribute.valueRange.length);
  return /\{\{|\{%/.test(text) ? undefined : text;
}

/** An image's address as written, without surrounding blanks, and where it starts; undefined when absent or Liquid. */
export function writtenSrc(post: Post, image: BodyImage): { value: string; offset: number } | undefined {
  const src = image.attribute('src');
  const written = writtenValue(post, src);
  const value = written?.trim();
  if (!src || !written || !value) return undefined;
  return { value, offset: src.valueRange.offset + written.indexOf(value) };
}

/** Attributes where lazy-loading scripts of the outlets keep the real address; a mirror has no such script. */
export const LAZY_SOURCES = ['data-src', 'data-original', 'data-lazy-src'];

/** The lazy address of an image (`data-src` and the like), the first that is not blank. */
export function lazySource(image: BodyImage): BodyAttribute | undefined {
  return LAZY_SOURCES.map((name) => image.attribute(name)).find((a) => a && a.value.trim());
}

/** The fix that stops the browser sending a Referer for an `<img>`: the attribute right after `<img`. */
export function noReferrerFix(image: BodyImage): Fix {
  return { title: 'Add referrerpolicy="no-referrer"', edits: [{ offset: image.range.offset + 4, length: 0, newText: ' referrerpolicy="no-referrer"' }], preferred: true };
}
