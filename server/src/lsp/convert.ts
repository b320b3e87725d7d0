/** Core problems (offsets) to LSP diagnostics and edits (positions), at the edge. */
import { DiagnosticSeverity, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { LineIndex } from '../core/position';
import { ruleDocsUrl } from '../core/ruleDocs';
import { RULES_BY_ID } from '../core/rules';
import type { Fix, Problem, Severity, TextEdit } from '../core/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const FIX_ALL_KIND_NAME = 'source.fixAll.newsdesk';

export interface LspFix {
  title: string;
  preferred: boolean;
  edits: LspTextEdit[];
  /** What the fix means each key to read as afterwards: checked again before the fix is offered. */
  expect?: Fix['expect'];
}

/** What a diagnostic carries for its code actions. */
export interface DiagnosticData {
  fixes: LspFix[];
  /** The document version the fixes were computed for: after an edit their ranges no longer fit. */
  version?: number;
}

export function toLspEdit(edit: TextEdit, lines: LineIndex): LspTextEdit {
  return { range: { start: lines.positionAt(edit.offset), end: lines.positionAt(edit.offset + edit.length) }, newText: edit.newText };
}

export function toLspFix(fix: Fix, lines: LineIndex): LspFix {
  return { title: fix.title, preferred: fix.preferred === true, edits: fix.edits.map((e) => toLspEdit(e, lines)), ...(fix.expect ? { expect: fix.expect } : {}) };
}

export function toDiagnostic(problem: Problem, lines: LineIndex, version?: number): Diagnostic {
  const data: DiagnosticData = { fixes: problem.fixes.map((f) => toLspFix(f, lines)), ...(version !== undefined ? { version } : {}) };
  return {
    range: { start: lines.positionAt(problem.offset), end: lines.positionAt(problem.offset + problem.length) },
    severity: SEVERITY[problem.severity],
    source: 'newsdesk',
    code: problem.rule,
    // The rule's section of docs/rules.md; an internal failure has no rule and no section.
    ...(RULES_BY_ID.has(problem.rule) ? { codeDescription: { href: ruleDocsUrl(problem.rule) } } : {}),
    message: problem.message,
    data,
  };
}
