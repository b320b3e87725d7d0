/**
 * Hovers on a post's front matter: one function per key, looked up by the key under the cursor (on the key or its
 * value). A hover says what Jekyll makes of the value and why it matters for the published site, in Markdown.
 */
import type { FrontMatterEntry, Range } from './frontMatter';
import { dateHover } from './hovers/date';
import { layoutHover } from './hovers/layout';
import type { Post } from './post';
import type { SiteContext } from './site';
import type { Workspace } from './workspace';

export interface HoverContext {
  post: Post;
  site: SiteContext;
  workspace: Workspace;
  /** The build time a hover compares with (whether a date is published now). */
  now: Date;
  /** The front-matter entry under the cursor. */
  entry: FrontMatterEntry;
  /** The cursor, as an offset in the document (for hovers on one item of a list). */
  offset: number;
}

export interface HoverResult {
  /** Markdown. */
  contents: string;
  /** What the hover is about (the value, or the key of an empty value). */
  range: Range;
}

export type FieldHover = (context: HoverContext) => Promise<HoverResult | undefined> | HoverResult | undefined;

/** The hover of each front-matter key; a key not listed has none. */
export const FIELD_HOVERS: Readonly<Record<string, FieldHover>> = {
  date: dateHover,
  layout: layoutHover,
};

const holds = (range: Range, offset: number) => range.offset <= offset && offset <= range.offset + range.length;

/** The hover at an offset of a post: the front-matter entry under it, answered by its key's function. */
export async function hoverAt(post: Post, offset: number, context: Omit<HoverContext, 'post' | 'entry' | 'offset'>): Promise<HoverResult | undefined> {
  const fm = post.frontMatter;
  if (!fm || fm.syntaxErrors.length > 0) return undefined;
  // The entry Jekyll uses for the key: a duplicate written earlier is ignored by Jekyll, and gets no hover.
  const entry = fm.entries.find((e) => holds(e.keyRange, offset) || holds(e.valueRange, offset));
  if (!entry || fm.get(entry.key) !== entry || !Object.hasOwn(FIELD_HOVERS, entry.key)) return undefined;
  return FIELD_HOVERS[entry.key]({ ...context, post, entry, offset });
}
