/**
 * Output formats of `newsdesk check`, written as each file's report arrives (the run never holds all reports):
 * stylish for people, JSON (one array, an entry per file), SARIF 2.1.0 for code-scanning services.
 */
import { RULES } from '../core/rules';
import type { Severity } from '../core/types';
import type { FileReport } from './check';

export interface ReportWriter {
  file(report: FileReport): void;
  /** Closes the output; `failure` says that the run stopped early (the output is then incomplete). */
  end(failure?: string): void;
}

export interface Totals {
  files: number;
  counts: Record<Severity, number>;
  fixed: number;
  notWritten: number;
}

export function emptyTotals(): Totals {
  return { files: 0, counts: { error: 0, warning: 0, info: 0, hint: 0 }, fixed: 0, notWritten: 0 };
}

export function addToTotals(totals: Totals, report: FileReport): void {
  totals.files++;
  for (const p of report.problems) totals.counts[p.severity]++;
  if (report.fixed) totals.fixed++;
  if (report.notWritten) totals.notWritten++;
}

type Write = (chunk: string) => void;

/**
 * A report as an entry of the output's array: `JSON.stringify(entry, null, 2)` with two spaces at the start of every
 * line (`^` of /^/gm). Stringified inside an array, the entry comes indented already, without a copy of the text;
 * except that `^` also matches after U+2028 and U+2029, which JSON.stringify writes as they are.
 */
function arrayEntry(entry: object): string {
  const json = JSON.stringify([entry], null, 2);
  if (json.includes('\u2028') || json.includes('\u2029')) return JSON.stringify(entry, null, 2).replace(/^/gm, '  ');
  return json.slice(2, -2);
}

export function jsonWriter(write: Write): ReportWriter {
  let first = true;
  write('[');
  return {
    file({ file, problems, fixed, notWritten }) {
      const entry = { file, problems, ...(fixed ? { fixed } : {}), ...(notWritten ? { notWritten } : {}) };
      write((first ? '\n' : ',\n') + arrayEntry(entry));
      first = false;
    },
    end: () => write(first ? ']\n' : '\n]\n'),
  };
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function sarifWriter(write: Write, version: string): ReportWriter {
  // Every rule is listed up front, so that results can be written as they come.
  const indexOf = new Map(RULES.map((rule, i) => [rule.id, i]));
  const driver = {
    name: 'newsdesk',
    fullName: 'Jekyll Newsdesk',
    version,
    rules: RULES.map((rule) => ({
      id: rule.id,
      shortDescription: { text: rule.description },
      fullDescription: { text: rule.docs },
      help: { text: rule.docs, markdown: rule.docs },
      defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
    })),
  };
  const head = JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver }, columnKind: 'utf16CodeUnits', results: [] }] }, null, 2);
  const open = head.lastIndexOf('"results": []');
  write(head.slice(0, open) + '"results": [');
  let first = true;
  return {
    file(r) {
      for (const p of r.problems) {
        const result = {
          ruleId: p.rule,
          ruleIndex: indexOf.get(p.rule),
          level: SARIF_LEVEL[p.severity],
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(r.file.replace(/\\/g, '/')) },
                region: { startLine: p.range.start.line + 1, startColumn: p.range.start.character + 1, endLine: p.range.end.line + 1, endColumn: p.range.end.character + 1 },
              },
            },
          ],
        };
        write((first ? '\n' : ',\n') + JSON.stringify(result, null, 2).replace(/^/gm, '        '));
        first = false;
      }
    },
    end(failure) {
      // An incomplete run says so, so that code scanning does not close the alerts of files it never reached.
      const invocations = `"invocations": ${JSON.stringify([
        { executionSuccessful: failure === undefined, ...(failure ? { toolExecutionNotifications: [{ level: 'error', message: { text: failure } }] } : {}) },
      ])}`;
      write((first ? '' : '\n      ') + '],\n      ' + invocations + head.slice(open + '"results": []'.length) + '\n');
    },
  };
}

export function stylishWriter(write: Write, color: boolean, totals: Totals): ReportWriter {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityColor: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '90' };
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return {
    file(r) {
      if (r.problems.length === 0 && !r.notWritten) return;
      const lines = [paint('4', r.file)];
      for (const p of r.problems) {
        const where = `${p.range.start.line + 1}:${p.range.start.character + 1}`.padEnd(8);
        lines.push(`  ${paint('2', where)} ${paint(severityColor[p.severity], p.severity.padEnd(7))} ${p.message}  ${paint('2', p.rule)}`);
      }
      if (r.notWritten) lines.push(`  ${paint('33', 'not fixed:')} ${r.notWritten}; the file was left as it was.`);
      write(lines.join('\n') + '\n\n');
    },
    end() {
      const { counts } = totals;
      const total = counts.error + counts.warning + counts.info + counts.hint;
      const fixes = [totals.fixed ? `${plural(totals.fixed, 'file')} fixed` : '', totals.notWritten ? `${plural(totals.notWritten, 'file')} not fixed` : ''].filter(Boolean).join(', ');
      const summary = `${plural(totals.files, 'file')} checked: ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info + counts.hint} info)${fixes ? `; ${fixes}` : ''}`;
      write((total ? paint(counts.error ? '31;1' : '33;1', summary) : paint('32', summary)) + '\n');
    },
  };
}
