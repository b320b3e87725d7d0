/** Expands the CLI's PATH arguments (files, folders, globs) into post files, in a stable order. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const POST_EXT = /\.(md|markdown|mkdown|mkdn|mkd|html?)$/i;
const SKIP = new Set(['node_modules', '.git', '_site', '.jekyll-cache', 'vendor']);

async function walk(dir: string, out: string[], inPostFolder: boolean): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) await walk(full, out, inPostFolder || entry.name === '_posts' || entry.name === '_drafts');
    } else if (inPostFolder && POST_EXT.test(entry.name)) out.push(full);
  }
}

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
  const all: string[] = [];
  const collect = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = dir === './' ? entry.name : `${dir.replace(/\/$/, '')}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) await collect(full);
      } else all.push(full);
    }
  };
  await collect(base);
  out.push(...all.filter((file) => re.test(file.replace(/^\.\//, ''))));
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
    if (!stat) missing.push(pattern);
    else if (stat.isDirectory()) {
      const inside = path.resolve(pattern).split(path.sep).some((part) => part === '_posts' || part === '_drafts');
      await walk(pattern, files, inside);
    } else files.push(pattern);
  }
  return { files: [...new Set(files)], missing };
}
