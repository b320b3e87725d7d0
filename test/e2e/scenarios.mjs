// The editor scenarios, as a person meets them in the workbench. Run by scripts/e2e/run.mjs, which gives each
// one { page, site, screenshot }. The expected ranges and texts are in expectations.json, shared with the
// @vscode/test-electron and Neovim suites.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  FIRST_DIAGNOSTICS_TIMEOUT_MS, activeTabIsDirty, closeAllEditors, applyQuickFix, goTo, openFile, showProblems, typeOverLine,
  ACTIVE_EDITOR, newsdeskStatus, problems, waitForLine, waitForNoSquiggleOnLine, waitForProblems, waitForSquiggleUnder,
  waitForStatus, waitUntil, TIMEOUT_MS,
} from './workbench.mjs';

const expected = JSON.parse(fs.readFileSync(new URL('./expectations.json', import.meta.url), 'utf8'));
const { invalidDate, stringTags, noTimezone, yamlSyntax, source } = expected;
const SQUIGGLE = { error: 'error', warning: 'warning', info: 'info' };
// A squiggle may start or end a pixel off the glyphs it underlines.
const PIXELS = 2;

/** Problems panel text for a diagnostic: "<message><source><code>[Ln L, Col C]" (1-based). */
const position = (range) => `[Ln ${range.start.line + 1}, Col ${range.start.character + 1}]`;
const withCode = (code) => (rows) => rows.some((row) => row.text.includes(code));
const withoutCode = (code) => (rows) => !rows.some((row) => row.text.includes(code));

function assertUnder(found, want, what) {
  const { squiggle, text } = found;
  assert.ok(Math.abs(squiggle.left - text.left) <= PIXELS && Math.abs(squiggle.right - text.right) <= PIXELS,
    `${what}: the squiggle spans x ${squiggle.left}-${squiggle.right}, the value '${want.value}' x ${text.left}-${text.right}`);
}

/** The status bar text for a count, as client/src/extension.ts writes it. */
function statusText(errors, warnings) {
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `Newsdesk: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export const scenarios = [
  {
    // First, while no post is open: the count starts at zero and must follow each post that is opened.
    name: '0. status bar: the count of Newsdesk errors and warnings follows the open posts; a click opens Problems',
    async run({ page, screenshot }) {
      const problemsPanel = page.locator('.markers-panel');
      assert.ok(!(await problemsPanel.isVisible()), 'the Problems view is closed at the start (run this scenario first)');
      let status = await waitForStatus(page, statusText(0, 0), FIRST_DIAGNOSTICS_TIMEOUT_MS);
      assert.deepEqual(status.icons, ['codicon-check']);

      // Each of these posts has exactly one problem, of the severity in expectations.json (an info is not counted).
      let errors = 0;
      let warnings = 0;
      for (const post of [invalidDate, stringTags, noTimezone]) {
        await openFile(page, post.file);
        const { start, end } = post.range;
        await waitForSquiggleUnder(page, SQUIGGLE[post.severity], start.line, start.character, end.character,
          FIRST_DIAGNOSTICS_TIMEOUT_MS);
        if (post.severity === 'error') errors++;
        if (post.severity === 'warning') warnings++;
        status = await waitForStatus(page, statusText(errors, warnings));
        assert.deepEqual(status.icons, [errors > 0 ? 'codicon-error' : warnings > 0 ? 'codicon-warning' : 'codicon-check']);
      }
      assert.deepEqual([errors, warnings], [1, 1]);
      await screenshot('0-status-bar');

      await newsdeskStatus(page).click();
      await problemsPanel.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
      // The Problems view agrees: one row per diagnostic, 1 error and 1 warning from newsdesk, and the info.
      const rows = await waitUntil(page, async () => {
        const found = (await problems(page)).filter((row) => row.text.includes(source));
        return found.length === 3 ? found : undefined;
      }, 'three newsdesk rows in the Problems view', async () => `rows: ${JSON.stringify(await problems(page))}`);
      const bySeverity = (severity) => rows.filter((row) => row.severity === severity).length;
      assert.deepEqual([bySeverity('error'), bySeverity('warning'), bySeverity('info')], [errors, warnings, 1],
        `rows: ${JSON.stringify(rows)}`);
      await screenshot('0-status-bar-problems');

      // Closed posts lose their diagnostics (the server clears them), and so does the count; the next scenarios
      // start with no editor open, as they would without this one.
      await closeAllEditors(page);
      status = await waitForStatus(page, statusText(0, 0));
      assert.deepEqual(status.icons, ['codicon-check']);
    },
  },
  {
    name: '1. invalid date: error squiggle under the date value, Problems row with the message',
    async run({ page, screenshot }) {
      await openFile(page, invalidDate.file);
      const { start, end } = invalidDate.range;
      const found = await waitForSquiggleUnder(page, SQUIGGLE[invalidDate.severity], start.line, start.character,
        end.character, FIRST_DIAGNOSTICS_TIMEOUT_MS);
      assertUnder(found, invalidDate, 'invalid date');
      await showProblems(page);
      const [row] = await waitForProblems(page, invalidDate.file, withCode(invalidDate.code), invalidDate.code);
      assert.equal(row.severity, 'error', row.label);
      assert.ok(row.text.startsWith(invalidDate.messageStartsWith), `row text: ${row.text}`);
      for (const word of invalidDate.messageIncludes) assert.match(row.text, new RegExp(word, 'i'));
      assert.ok(row.text.includes(`${source}`) && row.text.includes(invalidDate.code), `source and code in: ${row.text}`);
      assert.ok(row.text.endsWith(position(invalidDate.range)), `row text ends with ${position(invalidDate.range)}: ${row.text}`);
      await screenshot('1-invalid-date');
    },
  },
  {
    name: '2. typing a correction clears the problem without saving',
    async run({ page, site, screenshot }) {
      await openFile(page, invalidDate.file);
      const { start, end } = invalidDate.range;
      await waitForSquiggleUnder(page, SQUIGGLE.error, start.line, start.character, end.character, FIRST_DIAGNOSTICS_TIMEOUT_MS);
      await typeOverLine(page, start.line, invalidDate.correctedLine);
      await waitForNoSquiggleOnLine(page, SQUIGGLE.error, start.line);
      await showProblems(page);
      await waitForProblems(page, invalidDate.file, withoutCode(invalidDate.code), `no ${invalidDate.code}`);
      assert.ok(await activeTabIsDirty(page), 'the editor tab shows unsaved changes');
      const onDisk = fs.readFileSync(path.join(site, invalidDate.file), 'utf8');
      assert.ok(onDisk.includes(invalidDate.value), 'the file on disk still has the invalid date: nothing was saved');
      await screenshot('2-corrected');
    },
  },
  {
    name: `3a. quick fix "${stringTags.fixTitle}" through the light bulb (Ctrl+.)`,
    async run({ page, screenshot }) {
      await openFile(page, stringTags.file);
      const { start, end } = stringTags.range;
      const found = await waitForSquiggleUnder(page, SQUIGGLE[stringTags.severity], start.line, start.character,
        end.character, FIRST_DIAGNOSTICS_TIMEOUT_MS);
      assertUnder(found, stringTags, 'string tags');
      await goTo(page, start.line + 1, start.character + 2);
      await applyQuickFix(page, stringTags.fixTitle, { whileOpen: () => screenshot('3a-quick-fix-menu') });
      await waitForLine(page, start.line, (text) => text === stringTags.fixedLine, `"${stringTags.fixedLine}"`);
      await waitForNoSquiggleOnLine(page, SQUIGGLE.warning, start.line);
      await showProblems(page);
      await waitForProblems(page, stringTags.file, withoutCode(stringTags.code), `no ${stringTags.code}`);
      await screenshot('3a-fixed');
    },
  },
  {
    name: '3b. quick fix for a date without a time zone normalizes it',
    async run({ page, screenshot }) {
      await openFile(page, noTimezone.file);
      const { start, end } = noTimezone.range;
      const found = await waitForSquiggleUnder(page, SQUIGGLE[noTimezone.severity], start.line, start.character,
        end.character, FIRST_DIAGNOSTICS_TIMEOUT_MS);
      assertUnder(found, noTimezone, 'date without time zone');
      await goTo(page, start.line + 1, start.character + 2);
      await applyQuickFix(page, undefined);
      const line = await waitForLine(page, start.line, (text) => text !== `date: ${noTimezone.value}`, 'the date to change');
      assert.equal(line, noTimezone.fixedLine);
      await waitForNoSquiggleOnLine(page, SQUIGGLE.info, start.line);
      await screenshot('3b-fixed');
    },
  },
  {
    name: '4. breaking and repairing the YAML: diagnostics follow each step',
    async run({ page, screenshot }) {
      await openFile(page, yamlSyntax.file);
      await waitForLine(page, yamlSyntax.line, (text) => text === yamlSyntax.originalLine, yamlSyntax.originalLine);
      await showProblems(page);
      await waitForProblems(page, yamlSyntax.file, withoutCode(yamlSyntax.code), `no ${yamlSyntax.code} at first`);

      await typeOverLine(page, yamlSyntax.line, yamlSyntax.brokenLine);
      const rows = await waitForProblems(page, yamlSyntax.file, withCode(yamlSyntax.code), yamlSyntax.code);
      const row = rows.find((r) => r.text.includes(yamlSyntax.code));
      assert.equal(row.severity, 'error', row.label);
      assert.match(row.text, new RegExp(`\\[Ln ${yamlSyntax.line + 1}, Col \\d+\\]`), `on line ${yamlSyntax.line + 1}: ${row.text}`);
      await waitForSquiggleUnder(page, SQUIGGLE.error, yamlSyntax.line, 0, yamlSyntax.brokenLine.length);
      await screenshot('4-yaml-broken');

      await typeOverLine(page, yamlSyntax.line, yamlSyntax.repairedLine);
      await waitForProblems(page, yamlSyntax.file, withoutCode(yamlSyntax.code), `no ${yamlSyntax.code} after the repair`);
      await waitForNoSquiggleOnLine(page, SQUIGGLE.error, yamlSyntax.line);
      await screenshot('4-yaml-repaired');
    },
  },
  {
    name: '5. Liquid in a post body is highlighted by the injected grammar',
    async run({ page, screenshot }) {
      const file = '_posts/2024-03-09-museum-night.md';
      await openFile(page, file);
      const line = 8;
      await waitForLine(page, line, (text) => text.includes('{{ page.title'), 'the Liquid line');
      // Monaco gives each differently coloured token its own class (mtk1, mtk2, …): the Liquid delimiters and the
      // filter must not be painted like the prose around them.
      const classOf = await waitUntil(page, async () => {
        const spans = await page.$$eval(`${ACTIVE_EDITOR} .view-lines .view-line`, (lines, want) => {
          const sorted = lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
          return [...(sorted[want]?.querySelectorAll('span > span') ?? [])].map((s) => ({ text: s.textContent, cls: s.className }));
        }, line);
        const prose = spans.find((s) => s.text.includes('Tickets'));
        const open = spans.find((s) => s.text.includes('{{'));
        const filter = spans.find((s) => s.text.includes('downcase'));
        return prose && open && filter && open.cls !== prose.cls && filter.cls !== prose.cls ? { prose, open, filter } : undefined;
      }, 'Liquid tokens coloured apart from the prose', async () => 'the line is rendered as one colour');
      assert.notEqual(classOf.open.cls, classOf.prose.cls);
      await screenshot('5-liquid-highlight');
    },
  },
];
