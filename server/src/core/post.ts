/**
 * The post model: file, text and what is derived from them, each computed once per document version on first use
 * (the front matter now; the body model and the render later) and shared by every rule and feature.
 */
import { parseBody, type BodyModel } from './body';
import { parseFrontMatter, type FrontMatter, type Range } from './frontMatter';
import { classifySiteFile, MARKDOWN_EXTENSIONS, POST_FILENAME_RE, HTML_EXTENSIONS, type SiteFileKind } from './jekyll/paths';
import { LineIndex } from './position';

export { MARKDOWN_EXTENSIONS, POST_FILENAME_RE };

export type PostPlace = 'posts' | 'drafts' | 'collection' | 'other';

export interface PostFile {
  path: string;
  /** The base name. */
  name: string;
  kind: SiteFileKind;
  place: PostPlace;
  /** For a file in `_posts`: the date and slug from the name, when it matches Jekyll's pattern. */
  match?: { date: string; slug: string; ext: string };
}

export interface Post {
  readonly text: string;
  readonly version: number;
  readonly file: PostFile;
  readonly frontMatter: FrontMatter | undefined;
  readonly body: { range: Range; kind: 'markdown' | 'html' };
  /** The article's images and masked text, parsed on first use. */
  readonly bodyModel: BodyModel;
  readonly lines: LineIndex;
}

const PLACE: Partial<Record<SiteFileKind, PostPlace>> = { post: 'posts', draft: 'drafts', collection: 'collection' };

export function classifyPath(path: string, root?: string): PostFile {
  const { kind, name } = classifySiteFile(path, root);
  const m = POST_FILENAME_RE.exec(name);
  return { path, name, kind, place: PLACE[kind] ?? 'other', match: m ? { date: m[1], slug: m[2], ext: m[3] } : undefined };
}

export function bodyKind(path: string): 'markdown' | 'html' {
  const dot = path.lastIndexOf('.');
  const ext = dot === -1 ? '' : path.slice(dot).toLowerCase();
  return MARKDOWN_EXTENSIONS.includes(ext) ? 'markdown' : HTML_EXTENSIONS.includes(ext) ? 'html' : 'markdown';
}

/** A post whose derived data is computed lazily, at most once. */
class PostDocument implements Post {
  private frontMatterCache?: { value: FrontMatter | undefined };
  private bodyCache?: Post['body'];
  private linesCache?: LineIndex;

  constructor(
    readonly text: string,
    readonly file: PostFile,
    readonly version: number,
  ) {}

  get frontMatter(): FrontMatter | undefined {
    if (!this.frontMatterCache) this.frontMatterCache = { value: parseFrontMatter(this.text) };
    return this.frontMatterCache.value;
  }

  get body(): Post['body'] {
    if (!this.bodyCache) {
      const fm = this.frontMatter;
      const start = fm?.closeRange ? fm.closeRange.offset + fm.closeRange.length : fm ? this.text.length : 0;
      this.bodyCache = { range: { offset: start, length: this.text.length - start }, kind: bodyKind(this.file.path) };
    }
    return this.bodyCache;
  }

  private bodyModelCache?: BodyModel;

  get bodyModel(): BodyModel {
    return (this.bodyModelCache ??= parseBody(this.text, this.body.range, this.body.kind));
  }

  get lines(): LineIndex {
    return (this.linesCache ??= new LineIndex(this.text));
  }
}

export function parsePost(text: string, path: string, version = 0, root?: string): Post {
  return new PostDocument(text, classifyPath(path, root), version);
}

/** Caches the post of each document by path and version, so that rules, fixes and hovers share one parse. */
export class PostCache {
  private readonly posts = new Map<string, Post>();

  get(path: string, text: string, version: number, root?: string): Post {
    const cached = this.posts.get(path);
    if (cached && cached.version === version && cached.text === text) return cached;
    const post = parsePost(text, path, version, root);
    this.posts.set(path, post);
    return post;
  }

  delete(path: string): void {
    this.posts.delete(path);
  }

  clear(): void {
    this.posts.clear();
  }
}
