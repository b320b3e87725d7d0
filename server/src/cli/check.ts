/**
 * Checks files with the language service, one at a time, and writes fixes safely. Runs in the main thread or in a
 * worker; nothing of a file is kept after its report (the text is dropped), so memory does not grow with the archive.
 */
import { accessSync, chmodSync, constants, lstatSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import * as path from 'node:path';
import { remoteFacts, type RemoteImageFacts, type RemoteImageRequest, type RemoteImageResult } from '../core/remote';
import { createLanguageService, type LanguageService } from '../core/service';
import { POST_KINDS } from '../core/jekyll/paths';
import type { Position } from '../core/position';
import { normalizeSourceUrl, sourceOf } from '../core/sourceIndex';
import type { Problem, Severity } from '../core/types';
import type { ReadResult, Workspace } from '../core/workspace';
import { readBytesSync, readTextSync, SyncFsWorkspace } from '../node/fsWorkspace';

export interface ReportedProblem {
  rule: string;
  severity: Severity;
  message: string;
  range: { start: Position; end: Position };
}

export interface FileReport {
  file: string;
  problems: ReportedProblem[];
  /** Set when --fix wrote the file. */
  fixed?: boolean;
  /** Set when --fix had certain fixes for the file but did not write it, with the reason. */
  notWritten?: string;
}

export interface FileRef {
  absolute: string;
  display: string;
}

export interface CheckJob {
  fix: boolean;
  config?: string;
  nowMs: number;
}

/** [absolute path, from URL]: the sources of posts, for from/duplicate across the whole site. */
export type SourceList = Array<[string, string]>;

/** A workspace that reads `--config FILE` as the site's `_config.yml`. */
class ConfigOverride implements Workspace {
  constructor(private readonly inner: Workspace, private readonly configAt: string, private readonly configFile: string) {}
  private map(file: string): string {
    return file === this.configAt ? this.configFile : file;
  }
  read(file: string) {
    return this.inner.read(this.map(file));
  }
  readFile(file: string) {
    return this.inner.readFile(this.map(file));
  }
  readDirectory(dir: string) {
    return this.inner.readDirectory(dir);
  }
  stat(file: string) {
    return this.inner.stat(this.map(file));
  }
}

/** At most this many characters of text (16 MB) are kept between the index pass and the checks; the rest is read again. */
const KEPT_CHARS = 8 * 1024 * 1024;

/**
 * The texts read for the index of sources, handed once to the check of the same file and then dropped, so that a
 * small run reads and decodes each file once (about 30 ms of 1.5 s over 300 posts). Workers do not keep texts: an
 * archive's would not fit.
 */
class ReadOnce implements Workspace {
  private readonly kept = new Map<string, Extract<ReadResult, { ok: true }>>();
  private keptChars = 0;
  constructor(private readonly inner: Workspace) {}
  keep(file: string, read: ReadResult): void {
    if (!read.ok || this.keptChars + read.text.length > KEPT_CHARS) return;
    this.kept.set(file, read);
    this.keptChars += read.text.length;
  }
  read(file: string) {
    const kept = this.kept.get(file);
    if (kept === undefined) return this.inner.read(file);
    this.kept.delete(file);
    this.keptChars -= kept.text.length;
    return Promise.resolve(kept);
  }
  readFile(file: string) {
    return this.inner.readFile(file);
  }
  readDirectory(dir: string) {
    return this.inner.readDirectory(dir);
  }
  stat(file: string) {
    return this.inner.stat(file);
  }
}

let temporaryCounter = 0;

/**
 * Writes `next` over `file` only if the file still holds exactly `previous`, is writable by mode, and the write can
 * be atomic (a short temporary name in the same folder, then a rename). Returns why it did not write, or undefined.
 */
export function writeSafely(file: string, previous: string, next: string): string | undefined {
  let mode: number;
  try {
    const stat = lstatSync(file);
    if (!stat.isFile()) return 'it is not a regular file';
    mode = stat.mode & 0o7777;
  } catch (error) {
    return `it could not be read again (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  // Root may write anything: the mode bits are what the owner asked for. Others must be allowed to write the file
  // itself (a rename in a writable folder would replace a file they cannot edit).
  if ((mode & 0o222) === 0) return 'the file is read-only';
  try {
    accessSync(file, constants.W_OK);
  } catch {
    return 'you may not write this file';
  }
  const now = readBytesSync(file);
  if (!now.ok) return `it could not be read again (${now.reason})`;
  if (!now.bytes.equals(Buffer.from(previous, 'utf8'))) return 'the file changed on disk while it was being checked';
  // Short (a long post name must not overflow the name limit) and unique per process and thread.
  const temporary = path.join(path.dirname(file), `.nd${process.pid.toString(36)}-${threadId.toString(36)}-${(temporaryCounter++).toString(36)}.tmp`);
  try {
    writeFileSync(temporary, next, { encoding: 'utf8', flag: 'wx', mode });
    chmodSync(temporary, mode);
    renameSync(temporary, file);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // EEXIST: the name is someone else's file; leave it.
    if (code !== 'EEXIST') rmSync(temporary, { force: true });
    return `writing failed (${code ?? String(error)})`;
  }
}

/** Checks files one by one with one language service (one per thread). */
export class FileChecker {
  readonly service: LanguageService;
  private readonly now: Date;
  private readonly disk = new ReadOnce(new SyncFsWorkspace());

  constructor(private readonly job: CheckJob) {
    const disk = this.disk;
    let workspace: Workspace = disk;
    let siteRoot: string | undefined;
    if (job.config) {
      const configFile = path.resolve(job.config).replace(/\\/g, '/');
      siteRoot = path.dirname(configFile);
      workspace = new ConfigOverride(disk, `${siteRoot}/_config.yml`, configFile);
    }
    this.now = new Date(job.nowMs);
    this.service = createLanguageService({
      workspace,
      siteRoot,
      now: () => this.now,
      cacheDocuments: false,
      log: (message) => process.stderr.write(`newsdesk: ${message}\n`),
    });
  }

  /**
   * The normalized `from` of each file (null when it has none), in the order given: only what the index needs, so the
   * main thread can count shared sources of a whole archive without holding pairs of paths and URLs.
   */
  static sources(files: string[], keep?: (file: string, read: ReadResult) => void): Array<string | null> {
    return files.map((file) => {
      const read = readTextSync(file);
      keep?.(file, read);
      if (!read.ok) return null;
      try {
        const url = sourceOf(read.text);
        return url ? normalizeSourceUrl(url) : null;
      } catch {
        // A file whose front matter cannot be read has no source; its own check says why.
        return null;
      }
    });
  }

  /** The same, keeping the texts for this checker's checks of the same files (one thread, a small run). */
  sourcesKeepingTexts(files: string[]): Array<string | null> {
    return FileChecker.sources(files, (file, read) => this.disk.keep(file, read));
  }

  /** Fetched results of remote images, for the checks that follow. */
  private remote?: RemoteImageFacts;

  setRemote(results: RemoteImageResult[]): void {
    this.remote = remoteFacts(results);
  }

  /** The requests the remote images of a post make (none for a file that cannot be read or is not a post). */
  async remoteRequests(file: string): Promise<RemoteImageRequest[]> {
    const read = readTextSync(file);
    if (!read.ok) return [];
    try {
      return await this.service.remoteImageRequests({ path: file, text: read.text });
    } catch {
      return []; // its own check says what is wrong with it
    }
  }

  setSources(sources: SourceList): void {
    for (const [file, url] of sources) this.service.index.set(file, url);
  }

  /** The report of one file; whatever goes wrong is said in that file's entry, never lost for the others. */
  async check(file: FileRef): Promise<FileReport> {
    try {
      return await this.checkOne(file);
    } catch (error) {
      process.stderr.write(`newsdesk: checking ${file.display} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      const message = `Newsdesk could not check this file (${error instanceof Error ? error.message : String(error)}). The other files are checked as usual; please report this with the file.`;
      return { file: file.display, problems: [{ rule: 'internal/failure', severity: 'error', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] };
    }
  }

  private async checkOne({ absolute, display }: FileRef): Promise<FileReport> {
    const { service, now, remote } = this;
    const result = await service.checkFile(absolute, { now, remote });
    let problems = result.problems;
    let lines = result.lines;
    const report: FileReport = { file: display, problems: [] };
    if (this.job.fix && POST_KINDS.has(result.kind)) {
      const hasCertainFix = problems.some((p) => p.fixes.some((f) => f.preferred));
      if (!result.writable) {
        if (hasCertainFix) report.notWritten = result.problems.some((p) => p.rule === 'file/encoding') ? 'the file is not valid UTF-8' : 'its front matter does not fully parse';
      } else if (hasCertainFix) {
        const fixed = await service.fixAll({ path: absolute, text: result.text }, { now, remote });
        if (fixed !== undefined) {
          const reason = writeSafely(absolute, result.text, fixed);
          if (reason === undefined) {
            report.fixed = true;
            const again = await service.checkDocument({ path: absolute, text: fixed }, { now, remote });
            problems = again.problems;
            lines = again.lines;
          } else report.notWritten = reason;
        }
      }
    }
    report.problems = problems.map((p: Problem) => ({
      rule: p.rule,
      severity: p.severity,
      message: p.message,
      range: { start: lines.positionAt(p.offset), end: lines.positionAt(p.offset + p.length) },
    }));
    return report;
  }
}
