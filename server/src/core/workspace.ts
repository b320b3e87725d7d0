/** File access for the core, injected so that the core stays pure and tests use memory. Paths are POSIX-style. */
import { posix } from 'node:path';

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

export interface FileStat {
  /** `other` is a pipe, a device, a socket (or a link to one): never opened. */
  kind: 'file' | 'directory' | 'other';
  size: number;
}

/** Files larger than this are not read: no post or site file is, and reading one would cost the others. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type ReadFailure = 'missing' | 'not-a-file' | 'too-large' | 'unreadable';

/** What reading a file gave: its text, or why there is none. `invalidUtf8` text has U+FFFD in place of bad bytes. */
export type ReadResult = { ok: true; text: string; invalidUtf8?: boolean } | { ok: false; reason: ReadFailure; detail?: string };

export interface Workspace {
  /** The text of a regular file of at most MAX_FILE_BYTES, or undefined (missing, special, too large, unreadable). */
  readFile(path: string): Promise<string | undefined>;
  /** The same read, saying why there is no text. */
  read(path: string): Promise<ReadResult>;
  readDirectory(path: string): Promise<DirEntry[] | undefined>;
  stat(path: string): Promise<FileStat | undefined>;
  /**
   * At most the first `maxBytes` of a file, decoded (a character cut at the end is left out), and whether that is
   * the whole file; optional: the index of a large archive needs only the front matter at the start of each post.
   */
  readHead?(path: string, maxBytes: number): Promise<(ReadResult & { ok: true; complete: boolean }) | Extract<ReadResult, { ok: false }>>;
}

/** Decodes UTF-8 strictly; on invalid bytes, decodes with replacement characters and says so. A BOM is kept. */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalidUtf8?: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), invalidUtf8: true };
  }
}

/** An in-memory workspace: a map from absolute path to content (a string, or bytes to test decoding). */
export class MemoryWorkspace implements Workspace {
  private readonly files = new Map<string, string | Uint8Array>();

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.files.set(posix.normalize(path), text);
  }

  set(path: string, content: string | Uint8Array): void {
    this.files.set(posix.normalize(path), content);
  }

  delete(path: string): void {
    this.files.delete(posix.normalize(path));
  }

  async read(path: string): Promise<ReadResult> {
    const content = this.files.get(posix.normalize(path));
    if (content === undefined) return { ok: false, reason: (await this.stat(path))?.kind === 'directory' ? 'not-a-file' : 'missing' };
    const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
    if (size > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', detail: `${size} bytes` };
    return typeof content === 'string' ? { ok: true, text: content } : { ok: true, ...decodeUtf8(content) };
  }

  async readFile(path: string): Promise<string | undefined> {
    const result = await this.read(path);
    return result.ok ? result.text : undefined;
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

  async stat(path: string): Promise<FileStat | undefined> {
    const normalized = posix.normalize(path).replace(/\/$/, '');
    const content = this.files.get(normalized);
    if (content !== undefined) return { kind: 'file', size: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength };
    const prefix = normalized + '/';
    for (const file of this.files.keys()) if (file.startsWith(prefix)) return { kind: 'directory', size: 0 };
    return undefined;
  }
}
