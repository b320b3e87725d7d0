/**
 * What a new post takes from the site's `_config.yml`: the time zone, the layout `defaults:` gives posts, the keys
 * `newsdesk: required:` asks for, and the template `newsdesk: new_post_template:` names. Read from the text, with no
 * file access and no node module, so the editor's client and the CLI share it.
 */
import { parseDocument } from 'yaml';
import { DEFAULT_REQUIRED } from '../defaults';

export interface NewPostSite {
  /** `timezone:`; undefined means the machine's zone, as for Jekyll. */
  timezone?: string;
  /** The layout that `defaults:` gives a post in `_posts/`, when any. */
  defaultLayout?: string;
  /** `newsdesk: required:`. */
  required: string[];
  /** `newsdesk: new_post_template:`, a path relative to the site's folder. */
  template?: string;
}

type Plain = Record<string, unknown>;
const isObject = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The site's settings for a new post; a `_config.yml` that does not parse gives the defaults (its rules say why). */
export function readNewPostSite(configText: string): NewPostSite {
  const site: NewPostSite = { required: DEFAULT_REQUIRED };
  let config: unknown;
  try {
    const doc = parseDocument(configText, { version: '1.1', uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length > 0) return site;
    config = doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return site;
  }
  if (!isObject(config)) return site;
  if (typeof config.timezone === 'string' && config.timezone.trim()) site.timezone = config.timezone.trim();
  site.defaultLayout = postsDefaultLayout(config.defaults);
  const newsdesk = config.newsdesk;
  if (isObject(newsdesk)) {
    const required = newsdesk.required;
    if (Array.isArray(required) && required.every((key) => typeof key === 'string')) site.required = required as string[];
    if (typeof newsdesk.new_post_template === 'string' && newsdesk.new_post_template.trim()) site.template = newsdesk.new_post_template.trim();
  }
  return site;
}

/** Jekyll's FrontmatterDefaults#sanitize_path: no leading slash, no trailing slash. */
const sanitizePath = (path: unknown): string => (typeof path === 'string' ? path.replace(/^\/+/, '').replace(/\/+$/, '') : '');

/** Whether a scope's path covers `_posts/<name>` (a glob only roughly: `*` matches within a folder). */
function appliesToPosts(scopePath: string): boolean {
  if (scopePath === '' || scopePath === '_posts') return true;
  if (!scopePath.includes('*')) return false;
  const re = new RegExp(`^${scopePath.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}(/|$)`);
  return re.test('_posts/') || re.test('_posts');
}

/**
 * The layout of a post in `_posts/` from `defaults:`, merged as Jekyll's FrontmatterDefaults#all merges the sets
 * that apply: a set takes precedence over the one before when its path is longer, or as long and typed.
 */
function postsDefaultLayout(defaults: unknown): string | undefined {
  if (!Array.isArray(defaults)) return undefined;
  let layout: unknown;
  let oldScope: Plain | undefined;
  for (const set of defaults) {
    if (!isObject(set) || !isObject(set.values)) continue;
    const scope = isObject(set.scope) ? set.scope : {};
    // Jekyll still reads the old singular `post` type (with a deprecation warning).
    if ('type' in scope && scope.type !== 'posts' && scope.type !== 'post') continue;
    if (!appliesToPosts(sanitizePath(scope.path))) continue;
    const hasLayout = 'layout' in set.values;
    const newPath = sanitizePath(scope.path);
    const oldPath = oldScope ? sanitizePath(oldScope.path) : '';
    const precedes = !oldScope || (newPath.length !== oldPath.length ? newPath.length >= oldPath.length : 'type' in scope || !('type' in oldScope));
    if (precedes) {
      if (hasLayout) layout = set.values.layout;
      oldScope = scope;
    } else if (hasLayout && layout === undefined) layout = set.values.layout;
  }
  return typeof layout === 'string' && layout.trim() ? layout : undefined;
}
