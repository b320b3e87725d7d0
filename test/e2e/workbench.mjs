// What a person does in the VS Code workbench (code-server in Chromium), as small functions over a Playwright
// page. Every function waits on the workbench's own elements; none sleeps for a fixed time.
//
// Selectors are Monaco's and the workbench's (VS Code 1.100): `.squiggly-*` decorations, the Problems panel's
// `.markers-panel .monaco-list-row`, the quick input `.quick-input-widget`, the code action `.action-widget`.

export const TIMEOUT_MS = 15_000;
/** The first diagnostics wait for the extension host, the extension and its server to start. */
export const FIRST_DIAGNOSTICS_TIMEOUT_MS = 45_000;

export const ACTIVE_EDITOR = '.editor-group-container.active .editor-instance .monaco-editor';
const NBSP = /\u00a0/g;

export async function openWorkbench(page, url) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 30_000 });
  // The explorer lists the folder once the remote file system answers.
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 30_000 });
}

async function quickInput(page, key, text, rowSelector) {
  await page.keyboard.press(key);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await input.fill(text);
  if (rowSelector) await page.locator(rowSelector).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
}

/** Runs a command by its title from the Command Palette (F1). */
export async function runCommand(page, title) {
  await quickInput(page, 'F1', `>${title}`, `.quick-input-list .monaco-list-row.focused[aria-label^="${title}"]`);
}

/** Closes every editor, dropping unsaved changes, and waits until no tab is left. */
export async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  // Edits that earlier scenarios left unsaved are not theirs to keep: the workbench asks, and they are dropped.
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
  if (await dontSave.waitFor({ timeout: 1500 }).then(() => true, () => false)) await dontSave.click();
  await waitUntil(page, async () => ((await page.locator('.tabs-container .tab').count()) === 0 ? true : undefined),
    'no editor tab', async () => `tabs: ${JSON.stringify(await page.locator('.tabs-container .tab').allTextContents())}`);
}

/** Opens a file with Quick Open (Ctrl+P) and waits until its editor shows `firstLine`. */
export async function openFile(page, relativePath, firstLine = '---') {
  const name = relativePath.split('/').pop();
  // Enter opens the focused row: wait until the filter has put the file there. Recently opened files are listed
  // before the filter applies, so a row with the name can be visible while another one still has the focus.
  await quickInput(page, 'Control+P', name, `.quick-input-list .monaco-list-row.focused[aria-label^="${name}"]`);
  await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor({ timeout: TIMEOUT_MS });
  await waitForLine(page, 0, (text) => text === firstLine, `line 1 of ${name} to be ${firstLine}`);
}

/** The text of the active editor's rendered lines, top to bottom (enough for our short posts). */
export async function editorLines(page) {
  return page.$$eval(`${ACTIVE_EDITOR} .view-lines .view-line`, (lines) =>
    lines
      .map((line) => ({ top: parseFloat(line.style.top), text: line.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text),
  ).then((lines) => lines.map((text) => text.replace(NBSP, ' ')));
}

/** Waits until line `index` (0-based) of the active editor satisfies `predicate`; returns its text. */
export async function waitForLine(page, index, predicate, what) {
  return waitUntil(page, async () => {
    const text = (await editorLines(page))[index];
    return text !== undefined && predicate(text) ? text : undefined;
  }, what, async () => `editor lines: ${JSON.stringify(await editorLines(page))}`);
}

/**
 * Runs `probe` once per rendered frame of the page until it returns something other than undefined. For states
 * that no single element marks (a line's text, a squiggle under given characters, the rows of a panel).
 */
export async function waitUntil(page, probe, what, describe, timeout = TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${describe ? `; ${await describe()}` : ''}`);
    }
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
  }
}

/** Moves the cursor with Go to Line (Ctrl+G); line and column are 1-based, as the workbench shows them. */
export async function goTo(page, line, column = 1) {
  await quickInput(page, 'Control+G', `:${line}:${column}`);
  await page.locator(`${ACTIVE_EDITOR}.focused`).waitFor({ timeout: TIMEOUT_MS });
  await page.locator('.statusbar-item[id="status.editor.selection"]', { hasText: `Ln ${line}, Col ${column}` })
    .waitFor({ timeout: TIMEOUT_MS });
}

/** Selects line `index` (0-based) and types `text` over it, key by key, as a person would. */
export async function typeOverLine(page, index, text) {
  await goTo(page, index + 1, 1);
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type(text);
  return waitForLine(page, index, (line) => line === text, `line ${index + 1} to read "${text}"`);
}

/** The squiggles of one severity ('error' | 'warning' | 'info') in the active editor, with their boxes. */
export async function squiggles(page, severity) {
  return page.$$eval(`${ACTIVE_EDITOR} .squiggly-${severity}`, (elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { left: box.left, right: box.right, top: box.top, bottom: box.bottom };
    }),
  );
}

/**
 * The on-screen box of characters [start, end) of line `index` (0-based) in the active editor: a DOM Range over
 * the rendered text, so it is where a person sees those characters.
 */
export async function textBox(page, index, start, end) {
  return page.$$eval(`${ACTIVE_EDITOR} .view-lines .view-line`, (lines, [index, start, end]) => {
    const sorted = lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    const line = sorted[index];
    if (!line) return undefined;
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent.length;
      if (start >= offset && start <= offset + length) range.setStart(node, start - offset);
      if (end >= offset && end <= offset + length) {
        range.setEnd(node, end - offset);
        break;
      }
      offset += length;
    }
    const box = range.getBoundingClientRect();
    return { left: box.left, right: box.right, top: box.top, bottom: box.bottom };
  }, [index, start, end]);
}

/**
 * Waits for a squiggle of `severity` on line `index` (0-based); returns its box and the box of characters
 * [start, end) of that line, for the caller to compare.
 */
export async function waitForSquiggleUnder(page, severity, index, start, end, timeout = TIMEOUT_MS) {
  const probe = async () => {
    const text = await textBox(page, index, start, end);
    if (!text) return undefined;
    const under = (await squiggles(page, severity)).find((s) => overlapsVertically(s, text));
    return under ? { squiggle: under, text } : undefined;
  };
  return waitUntil(page, probe, `a ${severity} squiggle on line ${index + 1}`,
    async () => `${severity} squiggles: ${JSON.stringify(await squiggles(page, severity))}`, timeout);
}

/** Waits until no squiggle of `severity` is on line `index` (0-based) of the active editor. */
export async function waitForNoSquiggleOnLine(page, severity, index) {
  const probe = async () => {
    const lineText = (await editorLines(page))[index] ?? '';
    const box = await textBox(page, index, 0, lineText.length);
    if (!box) return undefined;
    return (await squiggles(page, severity)).some((s) => overlapsVertically(s, box)) ? undefined : true;
  };
  return waitUntil(page, probe, `no ${severity} squiggle on line ${index + 1}`,
    async () => `${severity} squiggles: ${JSON.stringify(await squiggles(page, severity))}`);
}

function overlapsVertically(a, b) {
  const middle = (a.top + a.bottom) / 2;
  return middle >= b.top && middle <= b.bottom;
}

/** Opens the Problems panel (Ctrl+Shift+M) if it is not showing. */
export async function showProblems(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  }
}

/**
 * The Problems panel's rows as { file, severity, text }: a file row (level 1) names the file of the marker rows
 * (level 2) under it. `text` is what the row shows: message, source(code) and [Ln, Col].
 */
export async function problems(page) {
  const rows = await page.$$eval('.markers-panel .monaco-list-row', (elements) =>
    elements.map((row) => ({
      index: Number(row.getAttribute('data-index')),
      level: row.getAttribute('aria-level'),
      label: row.getAttribute('aria-label') ?? '',
      name: row.querySelector('.label-name')?.textContent ?? '',
      text: row.textContent ?? '',
    })));
  rows.sort((a, b) => a.index - b.index);
  const result = [];
  let file = '';
  for (const row of rows) {
    if (row.level === '1') file = row.name || row.text;
    else result.push({ file, severity: /^(\w+):/.exec(row.label)?.[1]?.toLowerCase() ?? '', text: row.text, label: row.label });
  }
  return result;
}

/** Waits until the Problems rows for `file` satisfy `predicate`; returns those rows. */
export async function waitForProblems(page, file, predicate, what, timeout = TIMEOUT_MS) {
  const name = file.split('/').pop();
  const probe = async () => {
    const rows = (await problems(page)).filter((row) => row.file === name);
    return predicate(rows) ? rows : undefined;
  };
  return waitUntil(page, probe, `Problems panel: ${what}`, async () => `rows: ${JSON.stringify(await problems(page))}`, timeout);
}

/** The light bulb the editor shows next to the cursor line (in the text or, when there is no room, in the gutter). */
export function lightBulb(page) {
  return page.locator(`${ACTIVE_EDITOR} .lightBulbWidget:visible, ${ACTIVE_EDITOR} .glyph-margin-widgets [class*="codicon-gutter-lightbulb"]`).first();
}

/**
 * Opens the code action menu with Ctrl+. at the cursor and picks, with the arrow keys and Enter, the action whose
 * title contains `title` (without a title, the first one); `whileOpen` runs with the menu showing the choice.
 * `othersRemain`: the fixed line still offers actions (VS Code's own Markdown refactorings on a link), so the light
 * bulb stays; the caller then moves the cursor to a line without actions and waits for it to go.
 * Returns the titles that were offered.
 */
export async function applyQuickFix(page, title, { whileOpen, othersRemain = false } = {}) {
  await lightBulb(page).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  const actions = menu.locator('.monaco-list-row.action');
  await actions.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  const offered = await actions.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? row.textContent ?? ''));
  const wanted = title ? offered.findIndex((label) => label.includes(title)) : 0;
  if (wanted < 0) {
    await page.keyboard.press('Escape');
    throw new Error(`no code action "${title}" among ${JSON.stringify(offered)}`);
  }
  // The menu opens with the first action focused; the pointer is blocked until the mouse moves, as for a person.
  const focused = menu.locator('.monaco-list-row.action.focused');
  for (let step = 0; (await focused.getAttribute('aria-label')) !== offered[wanted]; step++) {
    if (step > offered.length) throw new Error(`could not reach "${offered[wanted]}" in the code action menu`);
    await page.keyboard.press('ArrowDown');
  }
  if (whileOpen) await whileOpen();
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
  if (othersRemain) return offered;
  // Fixed, the line has nothing more to offer and the light bulb goes. Waiting for that also keeps the next file
  // free of a VS Code 1.100 quirk: a gutter light bulb still showing when the editor switches to another file
  // stays attached to the old file, and the new file's light bulb never appears.
  await lightBulb(page).waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
  return offered;
}

/** Closes whatever menu, widget or quick input a failed step left open. */
export async function dismissWidgets(page) {
  for (const widget of ['.action-widget', '.quick-input-widget', '.suggest-widget.visible']) {
    if (await page.locator(widget).isVisible()) await page.keyboard.press('Escape');
  }
}

/** Whether the active editor's tab shows unsaved changes. */
export async function activeTabIsDirty(page) {
  return page.locator('.tab.active.dirty').count().then((n) => n === 1);
}

/** The extension's status bar item (`newsdesk.status`; the workbench prefixes the extension id). */
export function newsdeskStatus(page) {
  return page.locator('.statusbar-item[id$="newsdesk.status"]');
}

/** What the status bar item shows: its text (icons are not text) and the codicon names of its icons. */
export async function statusOf(page) {
  return newsdeskStatus(page).evaluate((item) => ({
    text: (item.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
    icons: [...item.querySelectorAll('.codicon')].flatMap((icon) => [...icon.classList].filter((c) => c.startsWith('codicon-'))),
  })).catch(() => undefined);
}

/** Waits until the status bar item reads `text`; returns what it shows. */
export async function waitForStatus(page, text, timeout = TIMEOUT_MS) {
  return waitUntil(page, async () => {
    const status = await statusOf(page);
    return status?.text === text ? status : undefined;
  }, `the Newsdesk status bar item to read "${text}"`, async () => `it shows ${JSON.stringify(await statusOf(page))}`, timeout);
}

/**
 * Shows the problems of the cursor's position in a hover (Ctrl+K Ctrl+I, "Show or Focus Hover"), as a person
 * who rests the mouse on a squiggle sees them; returns { message, source } for each problem the hover lists.
 */
export async function hoverProblems(page) {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const markers = page.locator('.monaco-hover .hover-row .marker.hover-contents');
  await markers.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  return markers.evaluateAll((rows) => rows.map((row) => {
    const [message, source] = [...row.children].map((span) => span.textContent ?? '');
    return { message, source };
  }));
}

/** Shows the Outline view (in the Explorer), which lists the active editor's document symbols. */
export async function showOutline(page) {
  await runCommand(page, 'Explorer: Focus on Outline View');
  await page.locator('.outline-pane').waitFor({ state: 'visible', timeout: TIMEOUT_MS });
}

/** The labels of the Outline view's rows, top to bottom. */
export async function outline(page) {
  return page.$$eval('.outline-pane .monaco-list-row', (rows) => rows
    .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
    .map((row) => row.querySelector('.label-name')?.textContent ?? ''));
}

/** Waits until the Outline view's labels satisfy `predicate`; returns them. */
export async function waitForOutline(page, predicate, what) {
  return waitUntil(page, async () => {
    const labels = await outline(page);
    return predicate(labels) ? labels : undefined;
  }, `the Outline view to list ${what}`, async () => `it lists ${JSON.stringify(await outline(page))}`);
}

/** The frame of the Newsdesk preview (the webview is two iframes deep), once it shows an article title. */
export async function previewFrame(page, timeout = FIRST_DIAGNOSTICS_TIMEOUT_MS) {
  return waitUntil(page, async () => {
    for (const frame of page.frames()) {
      const title = await frame.$eval('h1.newsdesk-title', (h) => h.textContent).catch(() => undefined);
      if (title) return frame;
    }
    return undefined;
  }, 'the preview frame', undefined, timeout);
}

/** The cursor's place as the status bar shows it ("Ln 11, Col 1", "Ln 11, Col 1 (56 selected)"). */
export async function cursorStatus(page) {
  return (await page.locator('.statusbar-item[id="status.editor.selection"]').textContent().catch(() => '')) ?? '';
}

/**
 * Gives the keyboard back to the editor of the first group by clicking its tab (the cursor stays where it is). After a
 * click in a webview the keys go to the webview's frame, where the workbench's shortcuts (F1, Ctrl+G) do nothing.
 */
export async function focusFirstEditor(page) {
  const tab = page.locator('.editor-group-container').first().locator('.tab.active');
  // No editor open yet: the first group is the one Quick Open fills.
  if ((await tab.count()) === 0) return;
  await tab.click();
  await page.locator('.editor-group-container').first().locator('.monaco-editor.focused').waitFor({ timeout: TIMEOUT_MS });
}

/**
 * The names Go to Symbol in Editor (Ctrl+Shift+O) lists for `filter`, from every symbol provider of the document (ours
 * and VS Code's Markdown one); the quick pick waits for all of them. Closed again before returning.
 */
export async function documentSymbols(page, filter) {
  await page.keyboard.press('Control+Shift+O');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await input.fill(`@${filter}`);
  const labels = await waitUntil(page, async () => {
    const rows = await page.$$eval('.quick-input-list .monaco-list-row .label-name', (names) => names.map((n) => (n.textContent ?? '').trim()));
    const empty = await page.locator('.quick-input-message', { hasText: /No matching|no symbol/i }).count();
    return rows.length > 0 || empty > 0 ? rows : undefined;
  }, `Go to Symbol to list ${filter}`);
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
  return labels;
}
