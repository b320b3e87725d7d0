/** Checks a list of files with the core: the same rules and fixes as the editor. Runs in the main thread or a worker. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { lintConfig } from '../core/config';
import { fixAllText, isSafeToFix, lintPost } from '../core/lint';
import { LineIndex, type Position } from '../core/position';
import { parsePost } from '../core/post';
import { loadSite } from '../core/site';
import { RULE_CATALOG, SiteCache } from '../core/sites';
import { SourceIndex } from '../core/sourceIndex';
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

export interface CheckJob {
  files: Array<{ absolute: string; display: string }>;
  /** [absolute path, from URL] for every post of the sites involved. */
  sources: Array<[string, string]>;
  fix: boolean;
  config?: string;
  nowMs: number;
}

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

export async function runCheckJob(job: CheckJob, onFileDone?: () => void): Promise<FileReport[]> {
  const fsWorkspace = new SyncFsWorkspace();
  const now = new Date(job.nowMs);
  const index = new SourceIndex();
  for (const [file, url] of job.sources) index.set(file, url);
  let fixedSite: ReturnType<typeof loadSite> | undefined;
  if (job.config) {
    const configFile = path.resolve(job.config).replace(/\\/g, '/');
    const root = path.dirname(configFile);
    fixedSite = loadSite(root, new ConfigOverride(fsWorkspace, root, configFile), RULE_CATALOG);
  }
  const sites = new SiteCache(fsWorkspace);
  const reports: FileReport[] = [];
  for (const { absolute, display } of job.files) {
    const text = await fsWorkspace.readFile(absolute);
    if (text === undefined) {
      reports.push({ file: display, problems: [], failure: `cannot read ${display}` });
      onFileDone?.();
      continue;
    }
    const site = await (fixedSite ?? sites.siteFor(absolute));
    if (/(^|\/)_config\.yml$/.test(absolute)) {
      reports.push({ file: display, problems: report(lintConfig(site), new LineIndex(text)) });
      onFileDone?.();
      continue;
    }
    const lint = (source: string) => lintPost(parsePost(source, absolute), { site, now, index });
    const fixedText = job.fix
      ? fixAllText(text, (source) => {
          const candidate = parsePost(source, absolute);
          return isSafeToFix(candidate) ? lintPost(candidate, { site, now, index }) : undefined;
        })
      : undefined;
    if (fixedText !== undefined) await writeAtomically(absolute, fixedText);
    const post = parsePost(fixedText ?? text, absolute);
    const problems = lint(post.text);
    reports.push({ file: display, problems: report(problems, post.lines), ...(fixedText !== undefined ? { fixed: true } : {}) });
    onFileDone?.();
  }
  return reports;
}
