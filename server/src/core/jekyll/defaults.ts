/**
 * Jekyll's front-matter defaults (`defaults:` in `_config.yml`, FrontmatterDefaults in Jekyll 4.3): the value a
 * setting takes for a file whose front matter leaves it out or null. A set applies when its `scope.path` is empty or
 * a prefix (or glob) of the file's site-relative path and its `scope.type` (if any) is the file's type; of the sets
 * that apply and give the setting, the one with the longer path wins, then the one naming a type, then the later one.
 */

/** File.fnmatch? without flags: `*` matches any run (`/` too), `?` one character. */
function fnmatch(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(text);
}

const sanitizePath = (path: unknown): string => (typeof path === 'string' ? path.replace(/^\.?\//, '').replace(/\/+$/, '') : '');

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function appliesPath(scopePath: string, path: string): boolean {
  if (scopePath === '') return true;
  if (!scopePath.includes('*')) return path.startsWith(scopePath);
  // Jekyll globs the scope on disk and takes the files under what matched: the path or one of its folders.
  const segments = path.split('/');
  return segments.some((_, i) => fnmatch(scopePath, segments.slice(0, i + 1).join('/')));
}

/** Whether a newer applicable scope wins over the one found before (Jekyll's has_precedence?). */
function hasPrecedence(old: Record<string, unknown> | undefined, scope: Record<string, unknown>): boolean {
  if (!old) return true;
  const newPath = sanitizePath(scope.path);
  const oldPath = sanitizePath(old.path);
  if (newPath.length !== oldPath.length) return newPath.length >= oldPath.length;
  return 'type' in scope || !('type' in old);
}

/** Jekyll 4's update_deprecated_types: the old singular types name the collections. */
const TYPES: Record<string, string> = { page: 'pages', post: 'posts', draft: 'drafts' };

/**
 * The default of `setting` for a file (site-relative path, type `posts` for posts and drafts, the collection's
 * label, or `pages`), read from the site's configuration as Psych reads it; undefined when no set gives one. The sets
 * that apply are merged in order as FrontmatterDefaults#all merges them: a set that takes precedence over the last
 * one that did puts its values over the others; one that does not only fills in what is still missing.
 */
export function frontMatterDefault(config: Record<string, unknown>, relativePath: string, type: string, setting: string): unknown {
  const sets = Array.isArray(config.defaults) ? config.defaults : [];
  let value: unknown;
  let given = false;
  let oldScope: Record<string, unknown> | undefined;
  for (const set of sets) {
    if (!isRecord(set) || !isRecord(set.values)) continue;
    const scope = isRecord(set.scope) ? set.scope : {};
    if (scope.type !== undefined && scope.type !== null && (TYPES[String(scope.type)] ?? String(scope.type)) !== type) continue;
    if (!appliesPath(sanitizePath(scope.path), relativePath)) continue;
    const gives = Object.prototype.hasOwnProperty.call(set.values, setting);
    if (hasPrecedence(oldScope, scope)) {
      if (gives) [value, given] = [set.values[setting], true];
      oldScope = scope;
    } else if (gives && !given) {
      [value, given] = [set.values[setting], true];
    }
  }
  return value;
}
