// The editor scenarios, as a person meets them in the workbench. Run by scripts/e2e/run.mjs, which gives each
// one { page, site, screenshot }. The expected ranges and texts are in expectations.json, shared with the
// @vscode/test-electron and Neovim suites.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishedHtml } from './jekyll.mjs';
import {
  FIRST_DIAGNOSTICS_TIMEOUT_MS, activeTabIsDirty, closeAllEditors, runCommand, applyQuickFix, goTo, hoverProblems, lightBulb, openFile, showOutline,
  showProblems, typeOverLine, ACTIVE_EDITOR, newsdeskStatus, problems, squiggles, waitForLine, waitForNoSquiggleOnLine,
  waitForProblems, waitForSquiggleUnder, waitForStatus, waitUntil, TIMEOUT_MS, previewFrame, cursorStatus, editorLines, focusFirstEditor, documentSymbols,
} from './workbench.mjs';
import { longRead, measureKeystrokeToPaint, largestCorpusPost } from './previewTiming.mjs';

/** Posts the scenarios write into the site before the workbench opens (so that Quick Open lists them). */
const prepared = {};
export function prepareSite(site) {
  prepared.longRead = longRead(site);
  prepared.largest = largestCorpusPost(site);
  prepared.snippetPost = snippetSandbox(site);
}

/** A post with front matter and no article yet (body/empty), for the snippet scenario to write into. */
function snippetSandbox(site) {
  const file = '_posts/2024-03-13-snippet-sandbox.md';
  fs.writeFileSync(path.join(site, file), '---\nlayout: post\ntitle: Snippet sandbox\ndate: 2024-03-13 09:00:00 +0000\n' +
    'tags: [city]\nauthor: Test Desk\nfrom: https://example.com/city/snippet-sandbox\n---\n\n');
  return { file, emptyLine: 9 };
}

/** Today in the e2e site's zone (its _config.yml says `timezone: UTC`). */
const todayUtc = () => new Date().toISOString().slice(0, 10);

const expected = JSON.parse(fs.readFileSync(new URL('./expectations.json', import.meta.url), 'utf8'));
const { invalidDate, stringTags, noTimezone, yamlSyntax, imageNoAltNoCaption, lazySrc, feedStamp, source } = expected;
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
      // The pointer leaves the item (for the empty part of the activity bar), or its tooltip covers later screenshots.
      await page.mouse.move(24, 500);
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
  {
    name: '6. an image without alt and without caption: both problems at the image, in the Problems view and the hover',
    async run({ page, screenshot }) {
      const post = imageNoAltNoCaption;
      await openFile(page, post.file);
      const { start, end } = post.range;
      // The warning and the info squiggle both span the <img> element.
      for (const { severity } of post.problems) {
        const found = await waitForSquiggleUnder(page, SQUIGGLE[severity], start.line, start.character, end.character,
          FIRST_DIAGNOSTICS_TIMEOUT_MS);
        assertUnder(found, post, `${severity} squiggle of the image`);
      }
      await showProblems(page);
      const codes = post.problems.map((p) => p.code);
      const rows = await waitForProblems(page, post.file, (r) => codes.every((code) => withCode(code)(r)), codes.join(' and '));
      assert.equal(rows.length, post.problems.length, `only these problems for ${post.file}: ${JSON.stringify(rows)}`);
      for (const problem of post.problems) {
        const row = rows.find((r) => r.text.includes(problem.code));
        assert.equal(row.severity, problem.severity, row.label);
        assert.ok(row.text.startsWith(problem.messageStartsWith), `row text: ${row.text}`);
        assert.ok(row.text.endsWith(position(post.range)), `at the image, ${position(post.range)}: ${row.text}`);
      }
      // Resting on the image shows both messages together.
      await goTo(page, start.line + 1, start.character + 2);
      const hovered = await hoverProblems(page);
      // "newsdesk(image/missing-alt)": the code is a link to its docs, the brackets are drawn around it by the workbench.
      assert.deepEqual(hovered.map((h) => h.source.replace(/[()]/g, '')), codes.map((code) => `${source}${code}`), JSON.stringify(hovered));
      for (const [i, problem] of post.problems.entries()) {
        assert.ok(hovered[i].message.startsWith(problem.messageStartsWith), `hover: ${hovered[i].message}`);
      }
      await screenshot('6-image-alt-caption-hover');
      await page.keyboard.press('Escape');
    },
  },
  {
    name: `7. quick fix "${lazySrc.fixTitle}" for an image with only a lazy data-src`,
    async run({ page, screenshot }) {
      await openFile(page, lazySrc.file);
      const { start, end } = lazySrc.range;
      const found = await waitForSquiggleUnder(page, SQUIGGLE[lazySrc.severity], start.line, start.character, end.character,
        FIRST_DIAGNOSTICS_TIMEOUT_MS);
      assertUnder(found, lazySrc, 'image without src');
      await showProblems(page);
      const [row] = await waitForProblems(page, lazySrc.file, withCode(lazySrc.code), lazySrc.code);
      assert.equal(row.severity, lazySrc.severity, row.label);
      assert.ok(row.text.startsWith(lazySrc.messageStartsWith), `row text: ${row.text}`);
      assert.ok(row.text.endsWith(position(lazySrc.range)), `row text ends with ${position(lazySrc.range)}: ${row.text}`);

      await goTo(page, start.line + 1, start.character + 2);
      const offered = await applyQuickFix(page, lazySrc.fixTitle, { whileOpen: () => screenshot('7-lazy-src-quick-fix-menu') });
      assert.ok(offered[0].includes(lazySrc.fixTitle), `the preferred fix comes first: ${JSON.stringify(offered)}`);
      await waitForLine(page, start.line, (text) => text === lazySrc.fixedLine, `"${lazySrc.fixedLine}"`);
      await waitForNoSquiggleOnLine(page, SQUIGGLE.error, start.line);
      await waitForProblems(page, lazySrc.file, withoutCode(lazySrc.code), `no ${lazySrc.code}`);
      await screenshot('7-lazy-src-fixed');
    },
  },
  {
    name: '8. feed stamp: the quick fix removes it, and the source link over ------ becomes the heading Jekyll publishes',
    async run({ page, site, screenshot }) {
      const { start, end } = feedStamp.range;
      const headingTag = new RegExp(`<h2[^>]*>\\s*<a [^>]*>${feedStamp.heading}</a>\\s*</h2>`);
      // On the published page the stamp keeps the link and the dashes in one paragraph: no heading.
      const before = publishedHtml(site, feedStamp.file);
      assert.ok(!/<h2/.test(before) && before.includes(`${feedStamp.heading}</a>\n——</p>`), `Jekyll, with the stamp:\n${before}`);

      await openFile(page, feedStamp.file);
      await showOutline(page);
      const found = await waitForSquiggleUnder(page, SQUIGGLE[feedStamp.severity], start.line, start.character, end.character,
        FIRST_DIAGNOSTICS_TIMEOUT_MS);
      assertUnder(found, feedStamp, 'feed stamp');
      // VS Code's Markdown reads the post as CommonMark, where the comment line is an HTML block of its own: its
      // symbols list the heading ("## …") even with the stamp. Newsdesk's outline reads it as kramdown does: no
      // heading while the stamp is there.
      const first = feedStamp.heading.split(' ')[0];
      const seen = [];
      await waitUntil(page, async () => {
        const labels = await documentSymbols(page, first);
        seen.splice(0, seen.length, ...labels);
        return labels.includes(`## ${feedStamp.heading}`) ? true : undefined;
      }, `VS Code's ## ${feedStamp.heading}`, async () => `Go to Symbol lists ${JSON.stringify(seen)}`);
      assert.ok(!(await documentSymbols(page, first)).includes(feedStamp.heading), 'no heading in Newsdesk\'s outline while the stamp is there');
      await screenshot('8-feed-stamp');

      await goTo(page, start.line + 1, start.character + 2);
      // On the link line that the fix brings up, VS Code's Markdown offers its own refactorings.
      await applyQuickFix(page, feedStamp.fixTitle, { othersRemain: true });
      await waitForLine(page, start.line, (text) => text === feedStamp.headingLine, `"${feedStamp.headingLine}"`);
      await goTo(page, start.line + 4, 1);
      await lightBulb(page).waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
      await waitForNoSquiggleOnLine(page, SQUIGGLE.warning, start.line);
      await showProblems(page);
      await waitForProblems(page, feedStamp.file, withoutCode(feedStamp.code), `no ${feedStamp.code}`);
      // Without the stamp, Newsdesk's outline has the heading Jekyll publishes.
      await waitUntil(page, async () => ((await documentSymbols(page, first)).includes(feedStamp.heading) ? true : undefined), `Newsdesk's heading ${feedStamp.heading}`);
      await screenshot('8-feed-stamp-fixed');

      // Saved, the post is published with the source link as its heading.
      await page.keyboard.press('Control+S');
      await waitUntil(page, async () => ((await activeTabIsDirty(page)) ? undefined : true), 'the post to be saved');
      const onDisk = fs.readFileSync(path.join(site, feedStamp.file), 'utf8');
      assert.ok(!onDisk.includes(feedStamp.value), 'the stamp is gone from the saved file');
      const after = publishedHtml(site, feedStamp.file);
      assert.match(after, headingTag, `Jekyll, without the stamp:\n${after}`);
    },
  },
  {
    name: '9. preview: the post as the site shows it beside the editor, patched in place while typing',
    async run({ page, screenshot }) {
      const file = '_posts/2024-03-10-ferry-timetable-changes.md';
      await openFile(page, file);
      await runCommand(page, 'Newsdesk: Open Preview to the Side');
      const preview = await previewFrame(page);
      assert.equal(await preview.$eval('h1.newsdesk-title', (h) => h.textContent), 'Ferry timetable changes from Monday');
      assert.equal(await preview.$eval('.newsdesk-date', (t) => t.textContent), '2024-03-10 08:00:00 +0000');
      // The local image loads from the site folder through the webview's own URI.
      const image = await waitUntil(page, async () => {
        const found = await preview.$eval('article img', (img) => ({ src: img.src, width: img.complete ? img.naturalWidth : 0 })).catch(() => undefined);
        return found && found.width > 0 ? found : undefined;
      }, 'the harbour image to load');
      assert.match(image.src, /images\/harbour\.png/);
      assert.doesNotMatch(image.src, /^file:/);
      // A property, not an attribute: morphdom keeps the element but makes its attributes those of the new render.
      await preview.$eval('article img', (img) => { img.e2eMark = 'kept'; });
      await screenshot('9-preview');

      // Typing changes the text; the image element is the same one (morphdom patches, nothing reloads).
      // (Inserted, not typed over: beside the preview the editor wraps the line, and Shift+End would select a part.)
      await goTo(page, 9, 1);
      await page.keyboard.type('From today: ');
      await waitUntil(page, async () => ((await preview.$eval('article p', (p) => p.textContent).catch(() => '')).startsWith('From today: The harbour ferry') ? true : undefined),
        'the preview to show the typed text');
      assert.equal(await preview.$eval('article img', (img) => img.e2eMark), 'kept', 'the same image element, not a new one');
      assert.equal(await preview.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('harbour.png')).length), 1,
        'the image was requested once');
      await screenshot('9-preview-typed');
      // Leave no unsaved change of ours behind (earlier scenarios leave theirs, so no Close All here).
      await runCommand(page, 'File: Revert File');
    },
  },
  {
    name: '10. preview: problems are outlined on their element with the message; a click selects the problem, a double-click reveals the line',
    async run({ page, screenshot }) {
      const { file, range, problems: wanted } = imageNoAltNoCaption;
      await openFile(page, file);
      await runCommand(page, 'Newsdesk: Open Preview to the Side');
      const preview = await previewFrame(page);
      // The image without alt or caption: outlined as its worst problem (a warning), both messages in its tooltip.
      const marked = await waitUntil(page, async () => {
        const found = await preview.$eval('article img.newsdesk-problem', (img) => ({ className: img.className, title: img.title })).catch(() => undefined);
        return found && wanted.every((p) => found.title.includes(p.messageStartsWith)) ? found : undefined;
      }, 'the image to be outlined with both problems');
      assert.match(marked.className, /newsdesk-problem-warning/);
      // The text around it has no problem: not outlined.
      assert.equal(await preview.$$eval('article p.newsdesk-problem', (ps) => ps.length), 0);
      await screenshot('10-preview-problems');

      // A click on the outlined image selects its problem in the editor (the whole tag).
      await goTo(page, 1, 1);
      await preview.click('article img.newsdesk-problem');
      // The click leaves the focus in the preview: the status bar shows the cursor of the editor group that has it.
      await focusFirstEditor(page);
      const length = range.end.character - range.start.character;
      const selected = `Ln ${range.start.line + 1}, Col ${range.end.character + 1} (${length} selected)`;
      await waitUntil(page, async () => ((await cursorStatus(page)) === selected ? true : undefined), `the selection "${selected}"`,
        async () => `status: ${await cursorStatus(page)}`);

      // A double-click on the last paragraph puts the cursor on its line.
      const last = await preview.$eval('article p:last-of-type', (p) => Number(p.dataset.line));
      assert.equal(last, 12, 'the last paragraph comes from line 13');
      await preview.dblclick('article p:last-of-type');
      await focusFirstEditor(page);
      await waitUntil(page, async () => ((await cursorStatus(page)).startsWith(`Ln ${last + 1},`) ? true : undefined), `the cursor on line ${last + 1}`,
        async () => `status: ${await cursorStatus(page)}`);
    },
  },
  {
    name: '11. preview: it scrolls with the editor; keystroke to painted preview on a 10 KB post and on the largest corpus post',
    async run({ page, screenshot }) {
      const post = prepared.longRead;
      await focusFirstEditor(page);
      await openFile(page, post.file);
      await runCommand(page, 'Newsdesk: Open Preview to the Side');
      const preview = await previewFrame(page);
      await waitUntil(page, async () => ((await preview.$$eval('article [data-line]', (all) => all.length)) > 100 ? true : undefined), 'the long read in the preview');

      // Scroll sync: the editor goes to a paragraph far down; the preview shows that paragraph at its top.
      await goTo(page, post.lineOf(150) + 1, 1);
      const top = await waitUntil(page, async () => {
        // The first paragraph line the editor shows (a blank line or the end of a wrapped one may be above it).
        const first = (await editorLines(page)).find((line) => /^Paragraph \d+/.test(line)) ?? '';
        const number = /^Paragraph (\d+)/.exec(first)?.[1];
        if (!number) return undefined;
        const box = await preview.evaluate((n) => {
          const p = [...document.querySelectorAll('article p')].find((e) => e.textContent.startsWith(`Paragraph ${n} `));
          return p ? { top: p.getBoundingClientRect().top, bottom: p.getBoundingClientRect().bottom, scrollY: window.scrollY } : undefined;
        }, number);
        return box && box.scrollY > 0 && box.top < 60 && box.bottom > -60 ? { number, ...box } : undefined;
      }, 'the preview to show the paragraph at the top of the editor at its top', async () => `editor top: ${(await editorLines(page))[0]}`);
      console.log(`        scroll sync: editor top "Paragraph ${top.number}", in the preview at y ${top.top.toFixed(0)} (scrolled ${top.scrollY.toFixed(0)} px)`);
      await screenshot('11-preview-scroll-sync');

      const small = await measureKeystrokeToPaint(page, preview, { line: post.lineOf(100), label: `${post.kb} KB post` });
      await runCommand(page, 'File: Revert File');
      const largest = prepared.largest;
      if (!largest) {
        console.log('        largest corpus post: SKIPPED (../shared/corpus is not beside this checkout)');
      } else {
        // The one preview follows the active post.
        await openFile(page, largest.file, largest.firstLine);
        const big = await previewFrame(page);
        await waitUntil(page, async () => ((await big.$eval('h1.newsdesk-title', (h) => h.textContent).catch(() => 'Long read on the tides')) !== 'Long read on the tides' ? true : undefined),
          'the preview of the largest corpus post', undefined, FIRST_DIAGNOSTICS_TIMEOUT_MS);
        await measureKeystrokeToPaint(page, big, { end: true, label: `largest corpus post (${largest.kb} KB)` });
        await runCommand(page, 'File: Revert File');
      }
      assert.ok(small.samples.length > 0);
    },
  },
  {
    name: '12. preview with newsdesk.preview.useSiteLayout: the article inside the site\'s layout, styled by the site\'s CSS',
    async run({ page, site, screenshot }) {
      const settings = path.join(site, '.vscode', 'settings.json');
      fs.mkdirSync(path.dirname(settings), { recursive: true });
      await focusFirstEditor(page);
      await openFile(page, imageNoAltNoCaption.file);
      await runCommand(page, 'Newsdesk: Open Preview to the Side');
      await previewFrame(page);
      // A changed preview setting loads the page again (a new frame): look for the frame on each try.
      const inPreview = async (fn) => {
        for (const frame of page.frames()) {
          const value = await frame.evaluate(fn).catch(() => undefined);
          if (value !== undefined && value !== null) return value;
        }
        return undefined;
      };
      try {
        // The workspace setting, written as a person would save it: the open preview follows it.
        fs.writeFileSync(settings, JSON.stringify({ 'newsdesk.preview.useSiteLayout': true }, null, 2));
        const styled = await waitUntil(page, async () => {
          const found = await inPreview(() => {
            const h = document.querySelector('#newsdesk-article article h1');
            return h ? { text: h.textContent, color: getComputedStyle(h).color, header: document.getElementById('newsdesk-header').hidden } : undefined;
          });
          return found && found.color === 'rgb(200, 30, 30)' ? found : undefined;
        }, 'the layout\'s title in the site\'s colour');
        assert.equal(styled.text, 'Ferry timetable changes from Monday');
        assert.equal(styled.header, true, 'the preview\'s own header gives way to the layout\'s');
        // The problems are still outlined inside the layout.
        await waitUntil(page, async () => ((await inPreview(() => document.querySelectorAll('#newsdesk-article img.newsdesk-problem').length || undefined)) === 1 ? true : undefined), 'the image outlined in the layout');
        await screenshot('12-preview-site-layout');
      } finally {
        fs.rmSync(path.join(site, '.vscode'), { recursive: true, force: true });
      }
      // Without the setting: the preview's own header and look again.
      await waitUntil(page, async () => ((await inPreview(() => {
        const h = document.getElementById('newsdesk-header');
        return h && h.querySelector('h1') && !h.hidden && document.documentElement.classList.contains('newsdesk-own-style') ? true : undefined;
      })) ? true : undefined),
        'the preview\'s own look back');
    },
  },
  {
    name: '13. New Post: a Chinese title gives _posts/<today>-<slug>.md, opened with its front matter; run again, the post is opened, not overwritten',
    async run({ page, site, screenshot }) {
      const title = '美中外长通话：讨论 维持沟通';
      const slug = '美中外长通话-讨论-维持沟通';
      const before = todayUtc();
      // One editor group, as after a fresh start (the preview scenarios leave one beside).
      await closeAllEditors(page);
      const input = page.locator('.quick-input-widget .quick-input-box input');
      const askTitle = async () => {
        // The palette lists the commands known when it opens: right after the workbench starts, the extension's may
        // not be among them yet. Opened again until the command is listed.
        const row = page.locator('.quick-input-list .monaco-list-row.focused[aria-label^="Newsdesk: New Post"]');
        const deadline = Date.now() + FIRST_DIAGNOSTICS_TIMEOUT_MS;
        for (;;) {
          await page.keyboard.press('F1');
          await input.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
          await input.fill('>Newsdesk: New Post');
          if (await row.waitFor({ timeout: 3000 }).then(() => true, () => false)) break;
          if (Date.now() > deadline) throw new Error('the Command Palette never listed "Newsdesk: New Post"');
          await page.keyboard.press('Escape');
          await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
        }
        await page.keyboard.press('Enter');
        // The same widget comes back as the title's input box.
        await page.locator('.quick-input-widget .quick-input-title', { hasText: 'New Post' }).waitFor({ timeout: FIRST_DIAGNOSTICS_TIMEOUT_MS });
        await input.fill(title);
      };
      await askTitle();
      await screenshot('13-new-post-title');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT_MS });

      const name = await waitUntil(page, async () => {
        const active = await page.locator('.editor-group-container.active .tab.active').getAttribute('data-resource-name').catch(() => null);
        return active && active.endsWith(`-${slug}.md`) ? active : undefined;
      }, `the new post ${before}-${slug}.md to open`);
      assert.ok([before, todayUtc()].includes(name.slice(0, 10)), `named after today (UTC): ${name}`);
      const file = `_posts/${name}`;
      const lines = await waitForLine(page, 7, (text) => text === '---', 'the front matter to close on line 8').then(() => editorLines(page));
      assert.deepEqual(lines.slice(0, 3), ['---', 'layout: post', `title: "${title}"`]);
      assert.match(lines[3], new RegExp(`^date: ${name.slice(0, 10)} \\d\\d:\\d\\d:\\d\\d \\+0000$`));
      assert.deepEqual(lines.slice(4, 8), ['author:', 'from:', 'tags:', '---']);
      const onDisk = fs.readFileSync(path.join(site, file), 'utf8');
      assert.equal(onDisk, `${lines.slice(0, 8).join('\n')}\n\n`, 'the editor shows the file written on disk');
      // The checker reads it as a post: warnings for what is left to fill in (byline, source, article), no error.
      await showProblems(page);
      const rows = await waitForProblems(page, file, withCode('author/missing'), 'author/missing for the new post', FIRST_DIAGNOSTICS_TIMEOUT_MS);
      assert.deepEqual(rows.filter((row) => row.severity === 'error'), [], JSON.stringify(rows));
      assert.deepEqual(await squiggles(page, 'error'), []);
      await screenshot('13-new-post-opened');

      // The author writes a line and saves; New Post with the same title then opens the post and leaves it as it is.
      await goTo(page, 9, 1);
      await page.keyboard.type('First paragraph.');
      await page.keyboard.press('Control+S');
      await waitUntil(page, async () => ((await activeTabIsDirty(page)) ? undefined : true), 'the post to be saved');
      const written = fs.readFileSync(path.join(site, file), 'utf8');
      await closeAllEditors(page);
      await askTitle();
      await page.keyboard.press('Enter');
      await page.locator('.notifications-toasts .notification-toast', { hasText: 'already exists' }).waitFor({ timeout: TIMEOUT_MS });
      await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor({ timeout: TIMEOUT_MS });
      assert.equal(fs.readFileSync(path.join(site, file), 'utf8'), written, 'not overwritten');
      await screenshot('13-new-post-exists');
      await page.keyboard.press('Escape');
      await closeAllEditors(page);
      fs.rmSync(path.join(site, file));
    },
  },
  {
    name: '14. snippet: typing figure-caption and accepting it writes a figure with alt and caption that the checker accepts',
    async run({ page, site, screenshot }) {
      const { file, emptyLine } = prepared.snippetPost;
      await openFile(page, file);
      await showProblems(page);
      await waitForProblems(page, file, withCode('body/empty'), 'body/empty before the snippet', FIRST_DIAGNOSTICS_TIMEOUT_MS);
      await goTo(page, emptyLine, 1);
      await page.keyboard.type('figure-caption');
      await page.keyboard.press('Control+Space');
      await page.locator('.suggest-widget.visible .monaco-list-row.focused', { hasText: 'figure-caption' }).waitFor({ timeout: TIMEOUT_MS });
      await screenshot('14-snippet-suggestion');
      await page.keyboard.press('Enter');
      const want = [
        '<figure>',
        '  <img src="https://example.com/photo.jpg" alt="Who and what the photo shows" referrerpolicy="no-referrer">',
        '  <figcaption>Caption: what happened, where and when. Photo: credit</figcaption>',
        '</figure>',
      ];
      await waitForLine(page, emptyLine + 2, (text) => text === want[3], 'the snippet\'s last line');
      assert.deepEqual((await editorLines(page)).slice(emptyLine - 1, emptyLine + 3), want);
      // The first placeholder (the address) is selected for typing over; Escape leaves the snippet as it is.
      await page.keyboard.press('Escape');
      await screenshot('14-snippet-inserted');
      // The typed prefix alone already ended body/empty, so the editor's empty Problems list proves little: the saved
      // text goes through the CLI, the same checker, which must find nothing at all.
      const original = fs.readFileSync(path.join(site, file), 'utf8');
      await page.keyboard.press('Control+S');
      await waitUntil(page, async () => ((await activeTabIsDirty(page)) ? undefined : true), 'the post to be saved');
      try {
        const saved = fs.readFileSync(path.join(site, file), 'utf8');
        assert.ok(saved.includes(want.join('\n')), saved);
        const cli = spawnSync(process.execPath, [fileURLToPath(new URL('../../dist/cli.js', import.meta.url)), 'check', '--format', 'json', file], { cwd: site, encoding: 'utf8' });
        assert.equal(cli.status, 0, cli.stderr);
        assert.deepEqual(JSON.parse(cli.stdout)[0].problems, [], cli.stdout);
        const rows = await waitForProblems(page, file, (r) => r.length === 0, 'no problem for the post');
        assert.deepEqual(rows, []);
      } finally {
        fs.writeFileSync(path.join(site, file), original);
      }
    },
  },
  {
    name: '15. completion: in a tags list, the site\'s tags most used first (not those already there); accepting one writes it',
    async run({ page, screenshot }) {
      const { file } = imageNoAltNoCaption;
      await openFile(page, file);
      await waitForLine(page, 4, (text) => text === 'tags: [transport]', 'the tags line');
      // Inside the brackets, after the tag already there.
      await goTo(page, 5, 'tags: [transport'.length + 1);
      await page.keyboard.type(', ');
      await page.keyboard.press('Control+Space');
      const rows = page.locator('.suggest-widget .monaco-list-row');
      const labels = await waitUntil(page, async () => {
        const found = await rows.evaluateAll((all) => all.map((row) => row.querySelector('.label-name')?.textContent ?? ''));
        return found.length > 0 && found.includes('city') ? found : undefined;
      }, 'the tag suggestions', async () => `suggestions: ${JSON.stringify(await rows.allTextContents())}`);
      // city is on most posts of the test site; transport is already in the list.
      assert.equal(labels[0], 'city', JSON.stringify(labels));
      assert.ok(!labels.includes('transport'), JSON.stringify(labels));
      await screenshot('15-completion-tags');
      await page.keyboard.press('Enter');
      await waitForLine(page, 4, (text) => text === 'tags: [transport, city]', 'the accepted tag in the list');
      await runCommand(page, 'File: Revert File');
    },
  },
];
