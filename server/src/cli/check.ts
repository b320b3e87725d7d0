/** Checks a list of files with the core: the same rules and fixes as the editor. Runs in the main thread or a worker. */
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lintConfig } from '../core/config';
import { fixAllText, isSafeToFix, lintPost } from '../core/lint';
import { LineIndex, type Position } from '../core/position';
import { parsePost } from '../core/post';
import { loadSite, type SiteContext } from '../core/site';
import { RULE_CATALOG, SiteCache } from '../core/sites';
import { SourceIndex, sourceOf } from '../core/sourceIndex';
import type { Problem, Severity } from '../core/types';
import type { Workspace } from '../core/workspace';
import { SyncFsWorkspace } from '../node/fsWorkspace';

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
  /** Set when the file could not be read. */
  failure?: string;
}

export interface FileRef {
  absolute: string;
  display: string;
}

export interface CheckJob {
  files: FileRef[];
  fix: boolean;
  config?: string;
  nowMs: number;
}

/** [absolute path, from URL]: the sources of posts, for from/duplicate across the whole site. */
export type SourceList = Array<[string, string]>;

/** A workspace that reads `--config FILE` as the site's `_config.yml`. */
class ConfigOverride implements Workspace {
  constructor(private readonly inner: Workspace, private readonly root: string, private readonly configFile: string) {}
  readFile(file: string): Promise<string | undefined> {
    return this.inner.readFile(file === `${this.root}/_config.yml` ? this.configFile : file);
  }
  readDirectory(dir: string) {
    return this.inner.readDirectory(dir);
  }
}

function report(problems: Problem[], lines: LineIndex): ReportedProblem[] {
  return problems.map((p) => ({
    rule: p.rule,
    severity: p.severity,
    message: p.message,
    range: { start: lines.positionAt(p.offset), end: lines.positionAt(p.offset + p.length) },
  }));
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.newsdesk-${process.pid}.tmp`);
  await fs.writeFile(temporary, text, 'utf8');
  try {
    const { mode } = await fs.stat(file);
    await fs.chmod(temporary, mode);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Checks one list of files in two steps, so that worker threads can share the site's index of sources: `read`
 * reads the files and returns their sources; `check` runs the rules (and fixes) given every source of the site.
 */
export class Checker {
  private readonly workspace = new SyncFsWorkspace();
  private readonly texts = new Map<string, string | undefined>();

  constructor(private readonly job: CheckJob) {}

  read(): SourceList {
    const sources: SourceList = [];
    for (const { absolute } of this.job.files) {
      let text: string | undefined;
      try {
        text = readFileSync(absolute, 'utf8');
      } catch {
        text = undefined;
      }
      this.texts.set(absolute, text);
      const url = text === undefined ? undefined : sourceOf(text);
      if (url) sources.push([absolute, url]);
    }
    return sources;
  }

  async check(sources: SourceList, onFileDone?: () => void): Promise<FileReport[]> {
    const { job, workspace } = this;
    const now = new Date(job.nowMs);
    const index = new SourceIndex();
    for (const [file, url] of sources) index.set(file, url);
    let fixedSite: ReturnType<typeof loadSite> | undefined;
    if (job.config) {
      const configFile = path.resolve(job.config).replace(/\\/g, '/');
      const root = path.dirname(configFile);
      fixedSite = loadSite(root, new ConfigOverride(workspace, root, configFile), RULE_CATALOG);
    }
    const sites = new SiteCache(workspace);
    const reports: FileReport[] = [];
    for (const { absolute, display } of job.files) {
      const text = this.texts.get(absolute);
      this.texts.delete(absolute);
      reports.push(text === undefined ? { file: display, problems: [], failure: `cannot read ${display}` } : await this.checkOne(absolute, display, text, await (fixedSite ?? sites.siteFor(absolute)), now, index));
      onFileDone?.();
    }
    return reports;
  }

  private async checkOne(absolute: string, display: string, text: string, site: SiteContext, now: Date, index: SourceIndex): Promise<FileReport> {
    if (/(^|\/)_config\.yml$/.test(absolute)) return { file: display, problems: report(lintConfig(site), new LineIndex(text)) };
    const fixedText = this.job.fix
      ? fixAllText(text, (source) => {
          const candidate = parsePost(source, absolute);
          return isSafeToFix(candidate) ? lintPost(candidate, { site, now, index }) : undefined;
        })
      : undefined;
    if (fixedText !== undefined) await writeAtomically(absolute, fixedText);
    const post = parsePost(fixedText ?? text, absolute);
    const problems = lintPost(post, { site, now, index });
    return { file: display, problems: report(problems, post.lines), ...(fixedText !== undefined ? { fixed: true } : {}) };
  }
}
