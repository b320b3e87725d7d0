/** Making folders without `mkdirSync(…, { recursive: true })`, which never returns under /proc on Node 20. */
import { mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** Makes a folder and the missing folders above it, one level at a time (at most 64 levels). */
export function makeFolders(folder: string): void {
  const missing: string[] = [];
  for (let at = path.resolve(folder); missing.length < 64; at = path.dirname(at)) {
    try {
      if (statSync(at).isDirectory()) break;
    } catch {
      // not there yet
    }
    missing.push(at);
    if (path.dirname(at) === at) break;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
