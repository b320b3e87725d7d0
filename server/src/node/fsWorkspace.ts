/** The real file system behind the core's Workspace interface. */
import { promises as fs, readFileSync } from 'node:fs';
import type { DirEntry, Workspace } from '../core/workspace';

/**
 * For batch work (the CLI): synchronous reads are much faster than one awaited read after another, and nothing
 * else waits on this thread.
 */
export class SyncFsWorkspace implements Workspace {
  async readFile(path: string): Promise<string | undefined> {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  readDirectory(path: string): Promise<DirEntry[] | undefined> {
    return new FsWorkspace().readDirectory(path);
  }
}

export class FsWorkspace implements Workspace {
  async readFile(path: string): Promise<string | undefined> {
    try {
      return await fs.readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  async readDirectory(path: string): Promise<DirEntry[] | undefined> {
    try {
      const entries = await fs.readdir(path, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
    } catch {
      return undefined;
    }
  }
}

/** Folders never worth walking into when looking for posts. */
const SKIP = new Set(['node_modules', '.git', '_site', 'vendor', '.jekyll-cache', '.vscode-test', 'build']);

/** Every post file (Markdown or HTML) under a `_posts` folder below `root`. */
export async function findPostFiles(root: string, limit = 100_000): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, inPosts: boolean): Promise<void> => {
    if (out.length >= limit) return;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) await walk(path, inPosts || entry.name === '_posts');
      } else if (inPosts && /\.(md|markdown|mkdown|mkdn|mkd|html?)$/i.test(entry.name)) {
        out.push(path);
      }
    }
  };
  await walk(root.replace(/\/$/, ''), false);
  return out;
}
