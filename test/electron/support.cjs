// Helpers for the @vscode/test-electron suite: they run inside VS Code's extension host, next to the extension.
const path = require('node:path');
const vscode = require('vscode');

const expected = require('../e2e/expectations.json');
const EXTENSION_ID = 'jekyll-newsdesk.jekyll-newsdesk';
const WAIT_MS = 15_000;
const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function siteUri(relative) {
  const [folder] = vscode.workspace.workspaceFolders ?? [];
  if (!folder) throw new Error('no workspace folder: .vscode-test.mjs opens the test site');
  return vscode.Uri.file(path.join(folder.uri.fsPath, relative));
}

/** A diagnostic's code as a string, whether the server sent a plain code or one with a documentation link. */
function codeOf(diagnostic) {
  return typeof diagnostic.code === 'object' && diagnostic.code !== null ? String(diagnostic.code.value) : String(diagnostic.code);
}

function ours(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === expected.source);
}

/**
 * Resolves with the extension's diagnostics for `uri` as soon as `predicate` holds for them: checked now and
 * on every onDidChangeDiagnostics for that document. Rejects after WAIT_MS with what was last seen.
 */
function waitForDiagnostics(uri, predicate, what) {
  return new Promise((resolve, reject) => {
    const test = () => {
      const current = ours(uri);
      if (!predicate(current)) return false;
      subscription.dispose();
      clearTimeout(timer);
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) test();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const seen = ours(uri).map((d) => `${codeOf(d)} ${rangeText(d.range)} ${d.message}`);
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; diagnostics now: ${JSON.stringify(seen)}`));
    }, WAIT_MS);
    test();
  });
}

const withCode = (code) => (diagnostics) => diagnostics.some((d) => codeOf(d) === code);
const withoutCode = (code) => (diagnostics) => !diagnostics.some((d) => codeOf(d) === code);

function rangeText(range) {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

async function openPost(relative) {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const document = await vscode.workspace.openTextDocument(siteUri(relative));
  const editor = await vscode.window.showTextDocument(document);
  await extension.activate();
  return editor;
}

async function replaceLine(editor, line, text) {
  const ok = await editor.edit((builder) => builder.replace(editor.document.lineAt(line).range, text));
  if (!ok) throw new Error(`could not edit line ${line}`);
}

/** The code actions VS Code collects for a diagnostic, as the light bulb would show them. */
async function codeActionsFor(uri, diagnostic) {
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diagnostic.range,
    vscode.CodeActionKind.QuickFix.value);
  return (actions ?? []).filter((action) => !action.diagnostics || action.diagnostics.some((d) => codeOf(d) === codeOf(diagnostic)));
}

async function applyCodeAction(action) {
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) throw new Error(`could not apply "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

module.exports = {
  expected,
  SEVERITY,
  codeOf,
  rangeText,
  waitForDiagnostics,
  withCode,
  withoutCode,
  openPost,
  replaceLine,
  codeActionsFor,
  applyCodeAction,
};
