/** Output formats of `newsdesk check`. */
import { RULES } from '../core/rules';
import type { Severity } from '../core/types';
import type { FileReport } from './check';

export function formatJson(reports: FileReport[]): string {
  return JSON.stringify(reports.map(({ file, problems }) => ({ file, problems })), null, 2);
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(reports: FileReport[], version: string): string {
  const used = [...new Set(reports.flatMap((r) => r.problems.map((p) => p.rule)))];
  const rules = RULES.filter((rule) => used.includes(rule.id));
  const indexOf = new Map(rules.map((rule, i) => [rule.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'newsdesk',
            fullName: 'Jekyll Newsdesk',
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.docs },
              help: { text: rule.docs, markdown: rule.docs },
              defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((r) =>
          r.problems.map((p) => ({
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
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

export function formatStylish(reports: FileReport[], color: boolean): string {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityColor: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '90' };
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixed = 0;
  for (const r of reports) {
    if (r.fixed) fixed++;
    if (r.problems.length === 0) continue;
    lines.push(paint('4', r.file));
    for (const p of r.problems) {
      counts[p.severity]++;
      const where = `${p.range.start.line + 1}:${p.range.start.character + 1}`.padEnd(8);
      lines.push(`  ${paint('2', where)} ${paint(severityColor[p.severity], p.severity.padEnd(7))} ${p.message}  ${paint('2', p.rule)}`);
    }
    lines.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const summary = `${reports.length} file${reports.length === 1 ? '' : 's'} checked: ${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info + counts.hint} info)${fixed ? `; ${fixed} file${fixed === 1 ? '' : 's'} fixed` : ''}`;
  lines.push(total ? paint(counts.error ? '31;1' : '33;1', summary) : paint('32', summary));
  return lines.join('\n');
}

