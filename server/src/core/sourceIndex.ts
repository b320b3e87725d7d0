/** An index of the `from` URL of every post of a site, so a story mirrored twice is found. */
import { locateFrontMatter, parseFrontMatter } from './frontMatter';
import type { PostIndex } from './rule';

/** Two spellings of one URL compare equal: scheme and host case, a trailing slash and a fragment do not matter. */
export function normalizeSourceUrl(url: string): string {
  const trimmed = url.trim();
  try {
    const parsed = new URL(trimmed);
    parsed.hash = '';
    const text = parsed.href.replace(/^http:/, 'https:');
    return text.endsWith('/') ? text.slice(0, -1) : text;
  } catch {
    return trimmed;
  }
}

/**
 * The `from` of a post without a full YAML parse: indexing a whole site must be cheap. Falls back to the full parse
 * when the line is not a simple one-line scalar.
 */
export function sourceOf(text: string): string | undefined {
  const located = locateFrontMatter(text);
  if (!located) return undefined;
  const yaml = text.slice(located.content.offset, located.content.offset + located.content.length);
  // One pass over the line, no backtracking: `[ \t]*(.*?)[ \t]*$` is quadratic on a line of spaces.
  const line = /^from:([^\r\n]*)/m.exec(yaml);
  if (!line) return undefined;
  const raw = trimBlanks(line[1]);
  if (/^[^"'[{&*!|>#]/.test(raw) && !raw.includes(' #')) return raw ? detached(raw) : undefined;
  const value = parseFrontMatter(text)?.get('from')?.value;
  return value?.kind === 'string' && value.value.trim() ? detached(value.value) : undefined;
}

/** The text without leading and trailing spaces and tabs, in linear time. */
function trimBlanks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return text.slice(start, end);
}

/**
 * A copy of a string that does not keep the text it was cut from alive: V8 represents a slice or a regexp match as a
 * view into its parent, so an index of sources would otherwise hold every post's whole text (99 MB for 6,000 posts).
 */
export function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

export class SourceIndex implements PostIndex {
  private readonly byPath = new Map<string, string>();
  private readonly byUrl = new Map<string, Set<string>>();

  set(path: string, url: string | undefined): void {
    this.delete(path);
    if (!url) return;
    const key = normalizeSourceUrl(url);
    this.byPath.set(path, key);
    let paths = this.byUrl.get(key);
    if (!paths) this.byUrl.set(key, (paths = new Set()));
    paths.add(path);
  }

  delete(path: string): void {
    const key = this.byPath.get(path);
    if (key === undefined) return;
    this.byPath.delete(path);
    const paths = this.byUrl.get(key);
    paths?.delete(path);
    if (paths?.size === 0) this.byUrl.delete(key);
  }

  postsWithSource(url: string): string[] {
    return [...(this.byUrl.get(normalizeSourceUrl(url)) ?? [])];
  }

  get size(): number {
    return this.byPath.size;
  }
}
