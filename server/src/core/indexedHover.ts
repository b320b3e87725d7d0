/**
 * Hovers on a tag, category or author value of the front matter: how many posts of the site use it, from the
 * index. Two pure steps, so a hover dispatcher by front-matter key can call them: `indexedValueAt` finds the value
 * under the cursor, `hoverOfIndexedValue` says what the index knows of it.
 */
import type { Facet } from './facetIndex';
import type { FrontMatter, Range } from './frontMatter';
import { rubyToS, type PsychValue } from './jekyll/psych';

export interface IndexedValue {
  facet: Facet;
  /** The value as Jekyll reads it (Ruby's `to_s`). */
  value: string;
  /** Where it is written. */
  range: Range;
}

export interface IndexedValueHover {
  /** Markdown. */
  contents: string;
  range: Range;
}

/** The keys whose values the index counts, and as what. */
export const INDEXED_KEYS: Readonly<Record<string, Facet>> = { tags: 'tags', tag: 'tags', categories: 'categories', category: 'categories', author: 'author' };

const within = (range: Range, offset: number): boolean => offset >= range.offset && offset <= range.offset + range.length;
const toS = (value: PsychValue): string => rubyToS(value, () => 0);

/** The tag, category or author written at `offset` of a readable front matter; undefined elsewhere. */
export function indexedValueAt(frontMatter: FrontMatter | undefined, offset: number): IndexedValue | undefined {
  if (!frontMatter || frontMatter.syntaxErrors.length > 0 || frontMatter.notAMapping) return undefined;
  const entry = frontMatter.entries.find((e) => INDEXED_KEYS[e.key] !== undefined && within(e.valueRange, offset));
  // Psych keeps the last of duplicate keys: an earlier one counts for nothing.
  if (!entry || frontMatter.get(entry.key) !== entry) return undefined;
  const facet = INDEXED_KEYS[entry.key];
  if (entry.items) {
    const item = entry.items.find((i) => within(i.range, offset));
    return item && item.value.kind !== 'null' ? { facet, value: toS(item.value).trim(), range: item.range } : undefined;
  }
  const value = entry.value;
  if (value.kind === 'null' || value.kind === 'seq' || value.kind === 'map') return undefined;
  const text = toS(value);
  // A plural String is split on whitespace (`tags: breaking news` is two tags): the word under the cursor.
  if (value.kind === 'string' && (entry.key === 'tags' || entry.key === 'categories') && !entry.quoted) {
    const at = offset - entry.valueRange.offset;
    for (const word of entry.source.matchAll(/\S+/g)) {
      const start = word.index ?? 0;
      if (at >= start && at <= start + word[0].length) return { facet, value: word[0], range: { offset: entry.valueRange.offset + start, length: word[0].length } };
    }
    return undefined;
  }
  return text.trim() ? { facet, value: text.trim(), range: entry.valueRange } : undefined;
}

const NOUN: Record<Facet, string> = { tags: 'tag', categories: 'category', author: 'author' };

/** What the index says of a value: how many posts of the site use it (`posts`, from the index). */
export function hoverOfIndexedValue(target: IndexedValue, posts: number): IndexedValueHover {
  const noun = NOUN[target.facet];
  const verb = target.facet === 'author' ? (posts === 1 ? 'is by' : 'are by') : posts === 1 ? 'uses' : 'use';
  const count = posts === 0 ? `No post of the site ${target.facet === 'author' ? 'is by' : 'uses'} this ${noun} yet.` : `${posts} ${posts === 1 ? 'post' : 'posts'} of the site ${verb} this ${noun}.`;
  return { contents: `**${noun}** \`${target.value.replace(/`/g, "'")}\`\n\n${count}`, range: target.range };
}
