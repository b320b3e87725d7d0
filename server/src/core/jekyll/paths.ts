/**
 * The one classifier of site files: what Jekyll makes of a path (a post, a draft, a collection document, the site's
 * `_config.yml`, a data file, a layout, an include, or something else). The workspace index, the CLI, the language
 * server and the client's document selector all ask it, so they agree on what is checked.
 */

export type SiteFileKind = 'post' | 'draft' | 'collection' | 'config' | 'data' | 'layout' | 'include' | 'other';

export interface SiteFile {
  path: string;
  kind: SiteFileKind;
  /** The base name. */
  name: string;
}

/** Jekyll's Document::DATE_FILENAME_MATCHER. */
export const POST_FILENAME_RE = /^(?:.+\/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$/s;

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.mkdown', '.mkdn', '.mkd'];
export const HTML_EXTENSIONS = ['.html', '.htm'];
/** The extensions of files that are checked as posts (Markdown and HTML). */
export const POST_EXTENSIONS = [...MARKDOWN_EXTENSIONS, ...HTML_EXTENSIONS];
export const DATA_EXTENSIONS = ['.yml', '.yaml'];

/** Underscore folders that Jekyll gives a meaning of their own: never a collection. */
const SPECIAL_FOLDERS = new Set(['_posts', '_drafts', '_layouts', '_includes', '_data', '_site', '_sass', '_plugins', '_config']);
/** Folders that never hold site sources worth reading. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '_site', '.jekyll-cache', '.sass-cache', 'vendor', '.vscode-test', '.bundle']);

/** Kinds whose files are checked as posts. */
export const POST_KINDS: ReadonlySet<SiteFileKind> = new Set(['post', 'draft', 'collection']);
/** Kinds whose files are checked as site settings (`_config.yml` and `_data`). */
export const SITE_KINDS: ReadonlySet<SiteFileKind> = new Set(['config', 'data']);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/**
 * Classifies a POSIX path. With `root` (the folder of the site's `_config.yml`) only the part inside the site counts;
 * without it, the nearest meaningful folder decides (`news/_posts/x.md` is a post, as Jekyll reads category folders).
 */
export function classifySiteFile(path: string, root?: string): SiteFile {
  const inside = root !== undefined && path.startsWith(root.replace(/\/$/, '') + '/') ? path.slice(root.replace(/\/$/, '').length + 1) : path;
  const segments = inside.split('/');
  const name = segments[segments.length - 1] ?? inside;
  const dirs = segments.slice(0, -1);
  const ext = extensionOf(name);
  const file = (kind: SiteFileKind): SiteFile => ({ path, kind, name });
  // Inside the site every folder counts; without the site's root, only the folders from the first `_` folder on: the
  // path above a site (a checkout in `.vscode-test/`, `vendor/` or `build/`) says nothing about the site's files.
  const firstUnderscore = dirs.findIndex((d) => d.startsWith('_'));
  const inSite = root !== undefined ? dirs : firstUnderscore === -1 ? [] : dirs.slice(firstUnderscore);
  if (inSite.some((d) => SKIPPED_FOLDERS.has(d))) return file('other');
  // A `_config.yml` in a plain folder is a site's (a nested site's too); in a `_` folder of a site it is not.
  if (name === '_config.yml' && !(inSite.length > 0 && inSite[inSite.length - 1].startsWith('_'))) return file('config');
  if (inSite.includes('_data')) return file(DATA_EXTENSIONS.includes(ext) ? 'data' : 'other');
  if (inSite.includes('_layouts')) return file('layout');
  if (inSite.includes('_includes')) return file('include');
  if (!POST_EXTENSIONS.includes(ext)) return file('other');
  if (inSite.includes('_posts')) return file('post');
  if (inSite.includes('_drafts')) return file('draft');
  // Without the root, a `_` folder far above the file may be no site folder at all (`/home/runner/_work/site/`):
  // only the file's own folder makes it a collection document then.
  const collectionDirs = root !== undefined ? inSite : dirs.slice(-1);
  if (collectionDirs.some((d) => /^_[^.]/.test(d) && !SPECIAL_FOLDERS.has(d))) return file('collection');
  return file('other');
}

/** Whether a folder name may hold posts or site files worth walking into. */
export function isWalkedFolder(name: string): boolean {
  return !SKIPPED_FOLDERS.has(name) && !(name.startsWith('.') && name !== '.');
}

/**
 * Glob patterns for editors (the VS Code document selector, file watchers): the files this classifier may call a
 * post, draft, collection document, config or data file. They over-approximate; the server classifies exactly.
 */
export const SITE_FILE_GLOBS = {
  posts: `**/_*/**/*.{${POST_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`,
  config: '**/_config.yml',
  data: `**/_data/**/*.{${DATA_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`,
  layouts: '**/_layouts/**',
  /** Images, so that adding or removing one re-checks the open posts (image/broken-local looks at them on every check). */
  images: '**/*.{png,jpg,jpeg,gif,webp,avif,svg,bmp,ico,PNG,JPG,JPEG,GIF,WEBP,AVIF,SVG,BMP,ICO}',
} as const;
