/**
 * What a new post takes from the site's `_config.yml`: the time zone, the layout `defaults:` gives posts, the keys
 * `newsdesk: required:` asks for, and the template `newsdesk: new_post_template:` names. Read from the text, with no
 * file access and no node module, so the editor's client and the CLI share it.
 */
import { parseDocument } from 'yaml';
import { DEFAULT_REQUIRED } from '../defaults';
import { frontMatterDefault } from '../jekyll/defaults';

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
  // Any post of _posts/: a scope that names the file itself cannot exist before the file does.
  const layout = frontMatterDefault(config, '_posts/new-post.md', 'posts', 'layout');
  site.defaultLayout = typeof layout === 'string' && layout.trim() ? layout : undefined;
  const newsdesk = config.newsdesk;
  if (isObject(newsdesk)) {
    const required = newsdesk.required;
    if (Array.isArray(required) && required.every((key) => typeof key === 'string')) site.required = required as string[];
    if (typeof newsdesk.new_post_template === 'string' && newsdesk.new_post_template.trim()) site.template = newsdesk.new_post_template.trim();
  }
  return site;
}
