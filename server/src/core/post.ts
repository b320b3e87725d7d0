/** The post model: front matter, body and file name, parsed once per document version and shared by all rules. */
import { posix } from 'node:path';
import { parseFrontMatter, type FrontMatter, type Range } from './frontMatter';
import { LineIndex } from './position';

/** Jekyll's Document::DATE_FILENAME_MATCHER. */
export const POST_FILENAME_RE = /^(?:.+\/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$/s;

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.mkdown', '.mkdn', '.mkd'];

export type PostPlace = 'posts' | 'drafts' | 'collection' | 'other';

export interface PostFile {
  path: string;
  /** The base name. */
  name: string;
  place: PostPlace;
  /** For a file in `_posts`: the date and slug from the name, when it matches Jekyll's pattern. */
  match?: { date: string; slug: string; ext: string };
}

export interface Post {
  text: string;
  version: number;
  file: PostFile;
  frontMatter?: FrontMatter;
  body: { range: Range; kind: 'markdown' | 'html' };
  lines: LineIndex;
}

export function classifyPath(path: string): PostFile {
  const segments = path.split('/');
  const name = segments[segments.length - 1] ?? path;
  const dirs = segments.slice(0, -1);
  let place: PostPlace = 'other';
  if (dirs.includes('_posts')) place = 'posts';
  else if (dirs.includes('_drafts')) place = 'drafts';
  else if (dirs.some((d) => /^_[^.]/.test(d) && !['_layouts', '_includes', '_data', '_site', '_sass', '_plugins'].includes(d))) place = 'collection';
  const m = POST_FILENAME_RE.exec(name);
  return { path, name, place, match: m ? { date: m[1], slug: m[2], ext: m[3] } : undefined };
}

export function bodyKind(path: string): 'markdown' | 'html' {
  const ext = posix.extname(path).toLowerCase();
  return MARKDOWN_EXTENSIONS.includes(ext) ? 'markdown' : ext === '.html' || ext === '.htm' ? 'html' : 'markdown';
}

export function parsePost(text: string, path: string, version = 0): Post {
  const frontMatter = parseFrontMatter(text);
  const bodyStart = frontMatter?.closeRange ? frontMatter.closeRange.offset + frontMatter.closeRange.length : frontMatter ? text.length : 0;
  return {
    text,
    version,
    file: classifyPath(path),
    frontMatter,
    body: { range: { offset: bodyStart, length: text.length - bodyStart }, kind: bodyKind(path) },
    lines: new LineIndex(text),
  };
}

/** Caches the parse of each document by path and version, so that rules, fixes and hovers share one parse. */
export class PostCache {
  private readonly posts = new Map<string, Post>();

  get(path: string, text: string, version: number): Post {
    const cached = this.posts.get(path);
    if (cached && cached.version === version && cached.text === text) return cached;
    const post = parsePost(text, path, version);
    this.posts.set(path, post);
    return post;
  }

  delete(path: string): void {
    this.posts.delete(path);
  }
}
