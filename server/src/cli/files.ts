/** Expands the CLI's PATH arguments (files, folders, globs) into site files, in a stable order. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isWalkedFolder, POST_KINDS, SITE_KINDS } from '../core/jekyll/paths';
import { findSiteRoot } from '../core/site';
import { listSiteFiles } from '../core/siteFiles';
import { SyncFsWorkspace } from '../node/fsWorkspace';

/** What a folder argument checks: posts, drafts, collection documents, and the site's `_config.yml` and `_data`. */
const CHECKED = new Set([...POST_KINDS, ...SITE_KINDS]);

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

async function expandGlob(pattern: string, out: string[]): Promise<void> {
  const normalized = pattern.replace(/\\/g, '/');
  const firstWild = normalized.search(/[*?]/);
  const base = normalized.slice(0, normalized.lastIndexOf('/', firstWild) + 1) || './';
  const re = globToRegExp(normalized.replace(/^\.\//, ''));
  const collect = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = dir === './' ? entry.name : `${dir.replace(/\/$/, '')}/${entry.name}`;
      if (entry.isDirectory()) {
        if (isWalkedFolder(entry.name)) await collect(full);
      } else if (re.test(full.replace(/^\.\//, ''))) out.push(full);
    }
  };
  await collect(base);
}

export interface ExpandedPaths {
  files: string[];
  missing: string[];
}

export async function expandPaths(patterns: string[]): Promise<ExpandedPaths> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const pattern of patterns) {
    if (/[*?]/.test(pattern)) {
      const before = files.length;
      await expandGlob(pattern, files);
      if (files.length === before) missing.push(pattern);
      continue;
    }
    const stat = await fs.stat(pattern).catch(() => undefined);
    const link = stat ? undefined : await fs.lstat(pattern).catch(() => undefined);
    if (stat?.isDirectory()) {
      const workspace = new SyncFsWorkspace();
      const found = await listSiteFiles(workspace, pattern.replace(/\\/g, '/'), CHECKED, await findSiteRoot(`${pattern.replace(/\\/g, '/').replace(/\/$/, '')}/_`, workspace));
      for (const file of found) files.push(path.normalize(file));
    }
    else if (stat || link) files.push(pattern); // a dangling link is reported as unreadable, not dropped
    else missing.push(pattern);
  }
  return { files: [...new Set(files)], missing };
}
