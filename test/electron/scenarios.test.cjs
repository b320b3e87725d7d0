// The editor scenarios of test/e2e (code-server + Chromium) through the extension API, for desktop VS Code
// launched by @vscode/test-electron (see .vscode-test.mjs and test/electron/run.mjs).
const assert = require('node:assert/strict');
const vscode = require('vscode');
const {
  expected, SEVERITY, codeOf, rangeText, waitForDiagnostics, withCode, withoutCode, openPost, replaceLine,
  codeActionsFor, applyCodeAction,
} = require('./support.cjs');

const { invalidDate, stringTags, noTimezone, yamlSyntax } = expected;

function single(diagnostics, code) {
  const found = diagnostics.filter((d) => codeOf(d) === code);
  assert.equal(found.length, 1, `one ${code} diagnostic, got codes ${JSON.stringify(diagnostics.map(codeOf))}`);
  return found[0];
}

function assertRange(diagnostic, want) {
  const wanted = new vscode.Range(want.start.line, want.start.character, want.end.line, want.end.character);
  assert.ok(diagnostic.range.isEqual(wanted), `range ${rangeText(diagnostic.range)}, want ${rangeText(wanted)}`);
}

describe('Jekyll Newsdesk in desktop VS Code', function () {
  this.timeout(30_000);

  it('1. a post with an invalid date gets an error on the date value', async () => {
    const editor = await openPost(invalidDate.file);
    const diagnostics = await waitForDiagnostics(editor.document.uri, withCode(invalidDate.code), invalidDate.code);
    const d = single(diagnostics, invalidDate.code);
    assert.equal(d.severity, SEVERITY.error);
    assertRange(d, invalidDate.range);
    assert.equal(editor.document.getText(d.range), invalidDate.value);
    assert.ok(d.message.startsWith(invalidDate.messageStartsWith), d.message);
    for (const word of invalidDate.messageIncludes) assert.match(d.message, new RegExp(word, 'i'));
  });

  it('2. typing a correction clears the error without saving', async () => {
    const editor = await openPost(invalidDate.file);
    await waitForDiagnostics(editor.document.uri, withCode(invalidDate.code), invalidDate.code);
    await replaceLine(editor, invalidDate.range.start.line, invalidDate.correctedLine);
    await waitForDiagnostics(editor.document.uri, withoutCode(invalidDate.code), `no ${invalidDate.code}`);
    assert.ok(editor.document.isDirty, 'the correction is not saved');
  });

  it(`3a. the quick fix "${stringTags.fixTitle}" rewrites the tags`, async () => {
    const editor = await openPost(stringTags.file);
    const uri = editor.document.uri;
    const d = single(await waitForDiagnostics(uri, withCode(stringTags.code), stringTags.code), stringTags.code);
    assert.equal(d.severity, SEVERITY.warning);
    assertRange(d, stringTags.range);
    const actions = await codeActionsFor(uri, d);
    const fix = actions.find((a) => a.title.includes(stringTags.fixTitle));
    assert.ok(fix, `"${stringTags.fixTitle}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    await applyCodeAction(fix);
    assert.equal(editor.document.lineAt(stringTags.range.start.line).text, stringTags.fixedLine);
    await waitForDiagnostics(uri, withoutCode(stringTags.code), `no ${stringTags.code}`);
  });

  it('3b. the quick fix for a date without a time zone normalizes it', async () => {
    const editor = await openPost(noTimezone.file);
    const uri = editor.document.uri;
    const d = single(await waitForDiagnostics(uri, withCode(noTimezone.code), noTimezone.code), noTimezone.code);
    assert.equal(d.severity, SEVERITY.info);
    assertRange(d, noTimezone.range);
    const [fix] = (await codeActionsFor(uri, d)).filter((a) => a.edit);
    assert.ok(fix, `a quick fix with an edit for ${noTimezone.code}`);
    await applyCodeAction(fix);
    assert.equal(editor.document.lineAt(noTimezone.range.start.line).text, noTimezone.fixedLine);
    await waitForDiagnostics(uri, withoutCode(noTimezone.code), `no ${noTimezone.code}`);
  });

  it('4. breaking and repairing the YAML: diagnostics follow each step', async () => {
    const editor = await openPost(yamlSyntax.file);
    const uri = editor.document.uri;
    assert.equal(editor.document.lineAt(yamlSyntax.line).text, yamlSyntax.originalLine);
    assert.ok(withoutCode(yamlSyntax.code)(vscode.languages.getDiagnostics(uri)), 'no YAML error before the edit');

    await replaceLine(editor, yamlSyntax.line, yamlSyntax.brokenLine);
    const broken = single(await waitForDiagnostics(uri, withCode(yamlSyntax.code), yamlSyntax.code), yamlSyntax.code);
    assert.equal(broken.severity, SEVERITY.error);
    assert.equal(broken.range.start.line, yamlSyntax.line, `at ${rangeText(broken.range)}`);

    await replaceLine(editor, yamlSyntax.line, yamlSyntax.repairedLine);
    await waitForDiagnostics(uri, withoutCode(yamlSyntax.code), `no ${yamlSyntax.code}`);
    assert.equal(editor.document.lineAt(yamlSyntax.line).text, yamlSyntax.repairedLine);
  });
});
