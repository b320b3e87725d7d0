/** File access for the core, injected so that the core stays pure and tests use memory. Paths are POSIX-style. */
import { posix } from 'node:path';

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

export interface Workspace {
  readFile(path: string): Promise<string | undefined>;
  readDirectory(path: string): Promise<DirEntry[] | undefined>;
}

/** An in-memory workspace: a map from absolute path to content. */
export class MemoryWorkspace implements Workspace {
  private readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.files.set(posix.normalize(path), text);
  }

  set(path: string, text: string): void {
    this.files.set(posix.normalize(path), text);
  }

  delete(path: string): void {
    this.files.delete(posix.normalize(path));
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.files.get(posix.normalize(path));
  }

  async readDirectory(path: string): Promise<DirEntry[] | undefined> {
    const dir = posix.normalize(path).replace(/\/$/, '') + '/';
    const seen = new Map<string, boolean>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(dir)) continue;
      const rest = file.slice(dir.length);
      const slash = rest.indexOf('/');
      seen.set(slash === -1 ? rest : rest.slice(0, slash), slash !== -1);
    }
    if (seen.size === 0) return undefined;
    return [...seen].map(([name, isDirectory]) => ({ name, isDirectory }));
  }
}
