/**
 * Results that loaded, kept on disk for 7 days so that a second run asks nothing of the outlets; failures are not
 * kept (they are checked again next time). One JSON file, written whole to a temporary name and renamed; a file that
 * cannot be read or parsed is treated as empty, never as an error.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RemoteImageResult } from '../../core/remote';
import { makeFolders } from '../folders';

export const CACHE_FILE = 'remote-images.json';
export const OK_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 20_000;
const FORMAT = 1;

interface Entry {
  result: RemoteImageResult;
  checkedAt: number;
}

/** `$XDG_CACHE_HOME/newsdesk`, else `~/.cache/newsdesk`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'newsdesk');
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const { result, checkedAt } = value as Partial<Entry>;
  return typeof checkedAt === 'number' && typeof result === 'object' && result !== null && typeof result.url === 'string' && result.outcome === 'ok' && typeof result.detail === 'string';
}

export class RemoteImageCache {
  private entries?: Map<string, Entry>;
  private readonly added = new Map<string, Entry>();
  readonly file: string;

  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = MAX_ENTRIES,
  ) {
    this.file = path.join(dir, CACHE_FILE);
  }

  private read(): Map<string, Entry> {
    const entries = new Map<string, Entry>();
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { format?: unknown; entries?: unknown };
      if (data?.format !== FORMAT || !Array.isArray(data.entries)) return entries;
      const now = this.now();
      for (const item of data.entries as unknown[]) {
        if (!Array.isArray(item) || typeof item[0] !== 'string' || !isEntry(item[1])) continue;
        if (now - item[1].checkedAt < OK_TTL_MS && item[1].checkedAt <= now) entries.set(item[0], item[1]);
      }
    } catch {
      // Missing, unreadable or corrupt: start empty; the next save writes a good file.
    }
    return entries;
  }

  get(key: string): RemoteImageResult | undefined {
    this.entries ??= this.read();
    const entry = this.added.get(key) ?? this.entries.get(key);
    return entry && this.now() - entry.checkedAt < OK_TTL_MS ? entry.result : undefined;
  }

  /** Keeps a result that loaded; any other outcome is checked again next time (and drops an older kept one). */
  put(key: string, result: RemoteImageResult): void {
    this.entries ??= this.read();
    if (result.outcome === 'ok') this.added.set(key, { result, checkedAt: this.now() });
    else {
      this.added.delete(key);
      this.entries.delete(key);
    }
  }

  /** Writes what this run learnt over what is on disk now (another run may have saved meanwhile); returns why not, or undefined. */
  save(): string | undefined {
    if (this.added.size === 0) return undefined;
    const merged = this.read();
    for (const [key, entry] of this.added) merged.set(key, entry);
    const kept = [...merged].sort((a, b) => b[1].checkedAt - a[1].checkedAt).slice(0, this.maxEntries);
    const temporary = `${this.file}.${process.pid}.${Date.now().toString(36)}.tmp`;
    try {
      makeFolders(this.dir);
      writeFileSync(temporary, JSON.stringify({ format: FORMAT, entries: kept }));
      renameSync(temporary, this.file);
      this.entries = new Map(kept);
      this.added.clear();
      return undefined;
    } catch (error) {
      rmSync(temporary, { force: true });
      return `the cache of remote images could not be written to ${this.file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    }
  }
}
