/**
 * The site's tags, categories and authors, as Jekyll reads them from each post, with how many posts use each value:
 * for completions and hovers. Memory is bounded by the distinct values: a post keeps only references to the interned
 * value strings (what is needed to subtract it again when it changes or goes away), never its text.
 */
import { locateFrontMatter, parseFrontMatter, type FrontMatter, type FrontMatterEntry } from './frontMatter';
import { rubyToS, type PsychValue } from './jekyll/psych';
import { utcOffsetAt } from './jekyll/localTime';
import { postCategories } from './postUrl';
import { detached } from './sourceIndex';

export type Facet = 'tags' | 'categories' | 'author';
export const FACETS: readonly Facet[] = ['tags', 'categories', 'author'];

export type PostFacets = Record<Facet, string[]>;

export interface FacetCount {
  value: string;
  posts: number;
}

const isNil = (value: PsychValue | undefined): boolean => value === undefined || value.kind === 'null';

/** Utils.pluralized_array_from_hash: the singular key wins (not split, nils dropped); a plural String is split on whitespace. */
function pluralized(entry: (key: string) => FrontMatterEntry | undefined, singular: string, plural: string, toS: (v: PsychValue) => string): string[] {
  const one = entry(singular)?.value;
  if (one && !isNil(one)) return one.kind === 'seq' ? one.items.filter((i) => i.kind !== 'null').map(toS) : [toS(one)];
  const many = entry(plural)?.value;
  if (!many || isNil(many)) return [];
  if (many.kind === 'string') return many.value.split(/[ \t\n\v\f\r]+/).filter(Boolean);
  if (many.kind === 'seq') return many.items.filter((i) => i.kind !== 'null').map(toS);
  return [toS(many)];
}

const FACET_KEYS = /^(?:tags?|categor(?:y|ies)|author)[ \t]*:/m;

/**
 * A post's tags (`tag` wins over `tags`), categories (its folders above `_posts`, then `categories`, `category`:
 * Document#categories_from_path and populate_categories) and author (`author`, each item of a list), as strings
 * (Ruby's `to_s`). A front matter Jekyll cannot read gives only the folder categories. `relativePath` is the post's
 * path inside its site.
 */
export function facetsOf(text: string, relativePath: string, timeZone = 'UTC'): PostFacets {
  const located = locateFrontMatter(text);
  const yaml = located?.close ? text.slice(located.content.offset, located.content.offset + located.content.length) : '';
  if (!FACET_KEYS.test(yaml)) return facetsOfValues(() => undefined, relativePath, timeZone);
  // Simple one-line values are read without a full YAML parse: indexing a large archive stays cheap.
  const simple = simpleValues(yaml);
  return simple ? facetsOfValues((key) => simple.get(key), relativePath, timeZone) : facetsOfFrontMatter(parseFrontMatter(text), relativePath, timeZone);
}

const FACET_LINES = /^(tags?|categor(?:y|ies)|author)[ \t]*:([^\r\n]*)$/gm;
/** A plain scalar that Psych reads as this very String: no indicator, no number, date, boolean or null look-alike. */
const SAFE_PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`\d+.~=<][^:#,[\]{}'"&*!|>%@`]*$/;
const NOT_A_STRING = /^(?:y|n|yes|no|true|false|on|off|null)$/i;

/** The values of the facet keys when every one of them is a one-line plain String or flow list of them; else undefined. */
function simpleValues(yaml: string): Map<string, PsychValue> | undefined {
  const values = new Map<string, PsychValue>();
  const plain = (raw: string): PsychValue | undefined => (SAFE_PLAIN.test(raw) && !NOT_A_STRING.test(raw) && !/[ \t]$/.test(raw) ? { kind: 'string', value: raw } : undefined);
  for (const line of yaml.matchAll(FACET_LINES)) {
    const raw = line[2].replace(/^[ \t]+|[ \t]+$/g, '');
    let value: PsychValue | undefined;
    if (raw.startsWith('[') && raw.endsWith(']')) {
      const parts = raw.slice(1, -1).split(',').map((part) => part.replace(/^[ \t]+|[ \t]+$/g, ''));
      // A trailing comma is allowed in a flow sequence; an empty item elsewhere is not simple.
      if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
      const items = parts.length === 1 && parts[0] === '' ? [] : parts.map(plain);
      if (items.some((item) => item === undefined)) return undefined;
      value = { kind: 'seq', items: items as PsychValue[] };
    } else value = plain(raw);
    if (!value) return undefined;
    // Psych keeps the last of duplicate keys.
    values.set(line[1], value);
  }
  return values;
}

/**
 * The path whose folders give categories: a draft's folders above `_drafts` count as a post's above `_posts`
 * (Jekyll's special_dir); a document of another collection gets none from its folders.
 */
function folderPath(relativePath: string): string {
  const drafts = /(^|\/)_drafts\//.exec(relativePath);
  if (drafts) return relativePath.slice(0, drafts.index) + drafts[1] + '_posts/' + relativePath.slice(drafts.index + drafts[0].length);
  return /(^|\/)_posts\//.test(relativePath) ? relativePath : '_posts/' + relativePath.slice(relativePath.lastIndexOf('/') + 1);
}

/** The same from a parsed front matter (a checked document's). */
export function facetsOfFrontMatter(fm: FrontMatter | undefined, relativePath: string, timeZone = 'UTC'): PostFacets {
  const readable = fm !== undefined && fm.syntaxErrors.length === 0 && !fm.notAMapping;
  return facetsOfValues((key) => (readable ? fm.get(key)?.value : undefined), relativePath, timeZone);
}

const NOWHERE = { offset: 0, length: 0 };

function facetsOfValues(valueOf: (key: string) => PsychValue | undefined, relativePath: string, timeZone: string): PostFacets {
  const entry = (key: string): FrontMatterEntry | undefined => {
    const value = valueOf(key);
    return value && { key, value, keyRange: NOWHERE, valueRange: NOWHERE, pairRange: NOWHERE, source: '', quoted: false };
  };
  const toS = (value: PsychValue) => rubyToS(value, (ms) => utcOffsetAt(ms, timeZone));
  const author = valueOf('author');
  const authors = !author || isNil(author) ? [] : author.kind === 'seq' ? author.items.filter((i) => i.kind !== 'null').map(toS) : author.kind === 'map' ? [] : [toS(author)];
  const unique = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];
  return {
    tags: unique(pluralized(entry, 'tag', 'tags', toS)),
    categories: unique(postCategories(folderPath(relativePath), entry, timeZone) ?? []),
    author: unique(authors),
  };
}

interface Indexed {
  group: string;
  /** References to the counted entries' own strings: a value used by many posts is held once. */
  facets: PostFacets;
}

type Counts = Record<Facet, Map<string, FacetCount>>;

/** Counts of each facet's values per group (a site root), and what each post added, to take it away again. */
export class FacetIndex {
  private readonly byPath = new Map<string, Indexed>();
  private readonly counts = new Map<string, Counts>();

  /** Records a post's values (replacing what it had), or forgets it when `facets` is undefined. */
  set(path: string, group: string, facets: PostFacets | undefined): void {
    this.delete(path);
    if (!facets) return;
    let counts = this.counts.get(group);
    if (!counts) this.counts.set(group, (counts = { tags: new Map(), categories: new Map(), author: new Map() }));
    const kept: PostFacets = { tags: [], categories: [], author: [] };
    for (const facet of FACETS) {
      const map = counts[facet];
      for (const value of new Set(facets[facet])) {
        let counted = map.get(value);
        // A new value is copied away from the text it was cut from (V8 keeps a slice's parent alive).
        if (!counted) map.set(value, (counted = { value: detached(value), posts: 0 }));
        counted.posts++;
        kept[facet].push(counted.value);
      }
    }
    this.byPath.set(path, { group, facets: kept });
  }

  delete(path: string): void {
    const indexed = this.byPath.get(path);
    if (!indexed) return;
    this.byPath.delete(path);
    const counts = this.counts.get(indexed.group);
    if (!counts) return;
    for (const facet of FACETS) {
      for (const value of indexed.facets[facet]) {
        const counted = counts[facet].get(value);
        if (counted && --counted.posts <= 0) counts[facet].delete(value);
      }
    }
    if (FACETS.every((facet) => counts[facet].size === 0)) this.counts.delete(indexed.group);
  }

  /** The values of a facet in a group, most used first (ties in code point order). */
  values(group: string, facet: Facet): FacetCount[] {
    const map = this.counts.get(group)?.[facet];
    if (!map) return [];
    return [...map.values()].map(({ value, posts }) => ({ value, posts })).sort((a, b) => b.posts - a.posts || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  /** How many posts of a group use a value. */
  count(group: string, facet: Facet, value: string): number {
    return this.counts.get(group)?.[facet].get(value)?.posts ?? 0;
  }

  get size(): number {
    return this.byPath.size;
  }
}
