/**
 * Validation of what clients send: a malformed request gets an empty answer, never an exception from deep inside.
 * Only the fields the server reads are checked; everything else is ignored.
 */
import { CodeActionKind, type CodeActionParams, type Diagnostic, type Position, type TextEdit } from 'vscode-languageserver/node';
import type { ExpectedValue } from '../core/types';
import { FIX_ALL_KIND_NAME } from './convert';

export interface CodeActionRequest {
  uri: string;
  diagnostics: Diagnostic[];
  wantsQuickFix: boolean;
  wantsFixAll: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

export function isPosition(value: unknown): value is Position {
  return isObject(value) && isCount(value.line) && isCount(value.character);
}

function isRange(value: unknown): value is { start: Position; end: Position } {
  if (!isObject(value) || !isPosition(value.start) || !isPosition(value.end)) return false;
  const { start, end } = value;
  return start.line < end.line || (start.line === end.line && start.character <= end.character);
}

export function codeActionRequest(params: CodeActionParams | undefined): CodeActionRequest | undefined {
  const raw = params as unknown;
  if (!isObject(raw) || !isObject(raw.textDocument) || typeof raw.textDocument.uri !== 'string') return undefined;
  const context = isObject(raw.context) ? raw.context : {};
  const diagnostics = Array.isArray(context.diagnostics) ? (context.diagnostics.filter((d) => isObject(d) && isRange(d.range)) as Diagnostic[]) : [];
  const only = Array.isArray(context.only) ? context.only.filter((kind): kind is string => typeof kind === 'string') : undefined;
  const wantsQuickFix = !only || only.some((kind) => CodeActionKind.QuickFix.startsWith(kind) || kind.startsWith(CodeActionKind.QuickFix));
  const wantsFixAll = only?.some((kind) => FIX_ALL_KIND_NAME.startsWith(kind) && kind !== '' && kind !== CodeActionKind.QuickFix) ?? false;
  return { uri: raw.textDocument.uri, diagnostics, wantsQuickFix, wantsFixAll };
}

export interface OfferedFix {
  title: string;
  preferred: boolean;
  edits: TextEdit[];
  expect?: Record<string, ExpectedValue>;
}

/** The fixes a diagnostic of ours carries in its data, keeping only well-formed ones. */
export function lspFixesOf(diagnostic: Diagnostic, version: number): OfferedFix[] {
  if (diagnostic.source !== 'newsdesk' || !isObject(diagnostic.data) || !Array.isArray(diagnostic.data.fixes)) return [];
  // Fixes computed for another version of the text would edit the wrong characters.
  if (typeof diagnostic.data.version === 'number' && diagnostic.data.version !== version) return [];
  const out: OfferedFix[] = [];
  for (const fix of diagnostic.data.fixes as unknown[]) {
    if (!isObject(fix) || typeof fix.title !== 'string' || !Array.isArray(fix.edits)) continue;
    const edits = fix.edits.filter((e): e is TextEdit => isObject(e) && isRange(e.range) && typeof e.newText === 'string');
    if (edits.length !== fix.edits.length || edits.length === 0) continue;
    out.push({ title: fix.title, preferred: fix.preferred === true, edits, expect: isObject(fix.expect) ? (fix.expect as Record<string, ExpectedValue>) : undefined });
  }
  return out;
}
