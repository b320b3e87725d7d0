/** What image rules share: the address as written (not as masked), and whether Liquid makes it. */
import type { BodyAttribute } from '../../body';
import type { Post } from '../../post';

/** The attribute's value as the author wrote it; undefined when Liquid writes (part of) it. */
export function writtenValue(post: Post, attribute: BodyAttribute | undefined): string | undefined {
  if (!attribute) return undefined;
  const text = post.text.slice(attribute.valueRange.offset, attribute.valueRange.offset + attribute.valueRange.length);
  return /\{\{|\{%/.test(text) ? undefined : text;
}
