/**
 * The real file system behind the core's Workspace interface. A file is opened without blocking and checked with
 * fstat before a byte is read, so a named pipe, a device or a link to one (`/dev/zero`) is never read: it could block
 * forever or grow without end.
 */
import { isUtf8 } from 'node:buffer';
import { close, closeSync, constants, fstatSync, open, openSync, promises as fs, read, readSync, statSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { decodeUtf8, MAX_FILE_BYTES, type DirEntry, type FileStat, type ReadResult, type Workspace } from '../core/workspace';

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const openFd = promisify(open);
const readFd = promisify(read);
const closeFd = promisify(close);

function failure(error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing' };
  if (code === 'EISDIR') return { ok: false, reason: 'not-a-file' };
  return { ok: false, reason: 'unreadable', detail: code ?? (error instanceof Error ? error.message : String(error)) };
}

/**
 * One buffer per thread for reading text: decoding copies the text into the JS heap, so the bytes are not kept, and
 * reusing the buffer spares the allocator tens of thousands of short-lived blocks on an archive (which otherwise
 * fragment and keep the resident size growing).
 */
let scratch = Buffer.allocUnsafe(256 * 1024);

/** Reads the bytes of a regular file of at most `maxBytes`, never opening anything else for long. */
export function readBytesSync(path: string, maxBytes = MAX_FILE_BYTES, reuse = false): { ok: true; bytes: Buffer } | Extract<ReadResult, { ok: false }> {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return failure(error) as Extract<ReadResult, { ok: false }>;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: 'not-a-file', detail: stat.isDirectory() ? 'a folder' : 'a pipe, device or socket' };
    if (stat.size > maxBytes) return { ok: false, reason: 'too-large', detail: `${stat.size} bytes` };
    if (reuse && scratch.length < stat.size) scratch = Buffer.allocUnsafe(stat.size);
    const bytes = reuse ? scratch.subarray(0, stat.size) : Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const n = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return { ok: true, bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled) };
  } catch (error) {
    return failure(error) as Extract<ReadResult, { ok: false }>;
  } finally {
    closeSync(fd);
  }
}

/**
 * decodeUtf8 of a file's bytes, faster: Node's validator and decoder take valid UTF-8 (nearly every file) in about half
 * the time of a strict TextDecoder; invalid bytes still go to decodeUtf8 for its replacement characters.
 */
export function decodeFileText(bytes: Buffer): { text: string; invalidUtf8?: boolean } {
  return isUtf8(bytes) ? { text: bytes.toString('utf8') } : decodeUtf8(bytes);
}

/** The text of a file (the bytes are read into the thread's reused buffer and not kept). */
export function readTextSync(path: string): ReadResult {
  const read = readBytesSync(path, MAX_FILE_BYTES, true);
  return read.ok ? { ok: true, ...decodeFileText(read.bytes) } : read;
}

function toStat(stat: { isFile(): boolean; isDirectory(): boolean; size: number }): FileStat {
  return { kind: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', size: stat.size };
}

/**
 * For batch work (the CLI): synchronous reads are much faster than one awaited read after another, and nothing
 * else waits on this thread.
 */
export class SyncFsWorkspace implements Workspace {
  async read(path: string): Promise<ReadResult> {
    return readTextSync(path);
  }

  async readFile(path: string): Promise<string | undefined> {
    const result = readTextSync(path);
    return result.ok ? result.text : undefined;
  }

  async readDirectory(path: string): Promise<DirEntry[] | undefined> {
    try {
      return readdirSync(path, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
    } catch {
      return undefined;
    }
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      return toStat(statSync(path));
    } catch {
      return undefined;
    }
  }
}

/** For the language server: every read is asynchronous, so the typing path is never blocked by the disk. */
export class FsWorkspace implements Workspace {
  async read(path: string): Promise<ReadResult> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(path, OPEN_FLAGS);
    } catch (error) {
      return failure(error);
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return { ok: false, reason: 'not-a-file', detail: stat.isDirectory() ? 'a folder' : 'a pipe, device or socket' };
      if (stat.size > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', detail: `${stat.size} bytes` };
      // Read no more than fstat said: a file that grows meanwhile is not read past the limit.
      const bytes = Buffer.alloc(stat.size);
      let filled = 0;
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return { ok: true, ...decodeFileText(bytes.subarray(0, filled)) };
    } catch (error) {
      return failure(error);
    } finally {
      await handle.close();
    }
  }

  /**
   * The first bytes of a file in three calls (open, read, close; no fstat): at most `maxBytes` are read, so a device
   * or a pipe costs nothing (opened without blocking); a caller that needs more reads the file with `read`, which
   * checks what it is first.
   */
  async readHead(path: string, maxBytes: number): Promise<(ReadResult & { ok: true; complete: boolean }) | Extract<ReadResult, { ok: false }>> {
    let fd: number;
    try {
      fd = await openFd(path, OPEN_FLAGS);
    } catch (error) {
      return failure(error) as Extract<ReadResult, { ok: false }>;
    }
    try {
      const bytes = Buffer.allocUnsafe(maxBytes);
      const { bytesRead } = await readFd(fd, bytes, 0, maxBytes, 0);
      const complete = bytesRead < maxBytes;
      const head = bytes.subarray(0, bytesRead);
      if (complete) return { ok: true, complete, ...decodeFileText(head) };
      // A character cut at the end is left out (the decoder keeps it for a next chunk that never comes).
      return { ok: true, complete, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(head, { stream: true }) };
    } catch (error) {
      return failure(error) as Extract<ReadResult, { ok: false }>;
    } finally {
      await closeFd(fd).catch(() => undefined);
    }
  }

  async readFile(path: string): Promise<string | undefined> {
    const result = await this.read(path);
    return result.ok ? result.text : undefined;
  }

  async readDirectory(path: string): Promise<DirEntry[] | undefined> {
    try {
      const entries = await fs.readdir(path, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
    } catch {
      return undefined;
    }
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      return toStat(await fs.stat(path));
    } catch {
      return undefined;
    }
  }
}
