/** Finds and caches the site of each file; a changed `_config.yml`, layout or data file invalidates its site. */
import { findSiteRoot, loadSite, emptySite, type RuleCatalog, type SiteContext } from './site';
import { RULES_BY_ID } from './rules';
import type { Workspace } from './workspace';

export const RULE_CATALOG: RuleCatalog = { has: (id) => RULES_BY_ID.has(id), ids: () => [...RULES_BY_ID.keys()] };

export class SiteCache {
  private readonly roots = new Map<string, Promise<string | undefined>>();
  private readonly sites = new Map<string, Promise<SiteContext>>();

  constructor(private readonly workspace: Workspace) {}

  async siteFor(filePath: string): Promise<SiteContext> {
    const dir = filePath.slice(0, filePath.lastIndexOf('/'));
    let root = this.roots.get(dir);
    if (!root) this.roots.set(dir, (root = findSiteRoot(filePath, this.workspace)));
    const found = await root;
    return found === undefined ? emptySite() : this.site(found);
  }

  site(root: string): Promise<SiteContext> {
    let site = this.sites.get(root);
    if (!site) this.sites.set(root, (site = loadSite(root, this.workspace, RULE_CATALOG)));
    return site;
  }

  /** Call when a file changed on disk: drops what depends on it. */
  invalidate(path: string): void {
    if (/\/_config\.yml$/.test(path)) this.roots.clear();
    for (const root of this.sites.keys()) {
      const inside = path.startsWith(root + '/');
      const rel = inside ? path.slice(root.length + 1) : '';
      if (inside && (rel === '_config.yml' || rel.startsWith('_layouts/') || rel.startsWith('_data/'))) this.sites.delete(root);
    }
  }

  clear(): void {
    this.roots.clear();
    this.sites.clear();
  }
}
