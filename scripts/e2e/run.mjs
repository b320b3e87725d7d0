// `npm run test:e2e`: the packaged extension in the real VS Code workbench (code-server), driven by Debian's
// Chromium through playwright-core. Scenarios: test/e2e/scenarios.mjs. Screenshots: test-results/e2e/.
//
//   node scripts/e2e/run.mjs [--vsix file.vsix] [--only <text in a scenario name>]
//
// Setup (code-server install, Chromium, the .vsix) that cannot be done fails with what is missing and how to
// get it. The last line is always "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_VERSION, SetupError, cacheRoot, ensureCodeServer, installVsix, profileDirs, projectRoot, startCodeServer } from './codeServer.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const resultsDir = path.join(projectRoot, 'test-results', 'e2e');
const SCENARIO_TIMEOUT_MS = 90_000;
// The settings of a person who types: no auto-closed quotes or brackets and no suggestion widgets over the text.
const TYPIST_SETTINGS = {
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.minimap.enabled': false,
  'editor.lightbulb.enabled': 'on',
  'files.autoSave': 'off',
  'workbench.editor.enablePreview': false,
  // Built-in extensions that compete for the two CPUs of a CI machine and play no part in the scenarios.
  'git.enabled': false,
  'github.gitAuthentication': false,
  'markdown.validate.enabled': false,
};
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch {
    throw new SetupError('playwright-core is not installed: run `npm ci` (it is a devDependency, pinned to 1.65.1)');
  }
}

function checkChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new SetupError(`Chromium not found at ${CHROMIUM}: apt-get update && apt-get install -y --no-install-recommends ` +
      'chromium (Debian\'s; playwright must not download its own), or set CHROMIUM_PATH to a Chromium or Chrome binary.');
  }
}

async function vsixToTest() {
  const given = option('vsix');
  if (given) {
    if (!fs.existsSync(given)) throw new SetupError(`--vsix ${given}: no such file`);
    return path.resolve(given);
  }
  const { packageExtension, PackageError } = await import('../package.mjs');
  try {
    return packageExtension({ out: path.join(cacheRoot, 'e2e', 'jekyll-newsdesk-e2e.vsix'), log: () => {} }).file;
  } catch (error) {
    if (error instanceof PackageError) throw new SetupError(`packaging the extension failed: ${error.message}`);
    throw error;
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function main() {
  const started = Date.now();
  const { scenarios, prepareSite } = await import('../../test/e2e/scenarios.mjs');
  const only = option('only');
  const selected = scenarios.filter((s) => !only || s.name.includes(only));
  let passed = 0;
  let failed = 0;
  let server;
  let browser;
  try {
    checkChromium();
    const { chromium } = await loadPlaywright();
    let phase = Date.now();
    await ensureCodeServer();
    console.log(`code-server ${CODE_SERVER_VERSION} ready (${seconds(phase)})`);

    phase = Date.now();
    const vsix = await vsixToTest();
    console.log(`extension: ${path.relative(projectRoot, vsix)}, ${(fs.statSync(vsix).size / 1024).toFixed(0)} KB (${seconds(phase)})`);

    phase = Date.now();
    const site = path.join(cacheRoot, 'e2e', 'site');
    fs.rmSync(site, { recursive: true, force: true });
    fs.cpSync(path.join(projectRoot, 'test', 'e2e', 'site'), site, { recursive: true });
    prepareSite(site);
    const dirs = profileDirs('e2e');
    const installed = await installVsix(dirs, vsix);
    server = await startCodeServer(dirs, { settings: TYPIST_SETTINGS });
    console.log(`code-server at ${server.url} with ${installed.join(', ')} (${seconds(phase)}); log: ${path.relative(projectRoot, server.log)}`);

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }).catch((error) => {
      throw new SetupError(`Chromium (${CHROMIUM}) did not start: ${error.message.split('\n')[0]}`);
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const { openWorkbench, dismissWidgets } = await import('../../test/e2e/workbench.mjs');
    phase = Date.now();
    await openWorkbench(page, server.folderUrl(site));
    console.log(`workbench open (${seconds(phase)})`);

    fs.rmSync(resultsDir, { recursive: true, force: true });
    fs.mkdirSync(resultsDir, { recursive: true });
    const screenshot = (name) => page.screenshot({ path: path.join(resultsDir, `${name}.png`) });
    for (const scenario of selected) {
      const since = Date.now();
      try {
        await withTimeout(scenario.run({ page, site, screenshot }), SCENARIO_TIMEOUT_MS, scenario.name);
        passed++;
        console.log(`  ok    ${scenario.name} (${seconds(since)})`);
      } catch (error) {
        failed++;
        const shot = `FAILED-${scenario.name.split(' ')[0].replace(/\W/g, '')}`;
        await screenshot(shot).catch(() => {});
        console.log(`  FAIL  ${scenario.name} (${seconds(since)})\n        ${String(error.message).split('\n').join('\n        ')}` +
          `\n        screenshot: test-results/e2e/${shot}.png`);
        await dismissWidgets(page).catch(() => {});
      }
    }
  } catch (error) {
    failed = Math.max(1, selected.length - passed);
    console.error(error instanceof SetupError ? `e2e setup: ${error.message}` : error);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
  }
  if (failed > 0 && server) console.log(`code-server log: ${path.relative(projectRoot, server.log)}; extension host logs under ${path.relative(projectRoot, path.join(cacheRoot, 'profiles', 'e2e', 'user-data', 'logs'))}`);
  console.log(`e2e total ${seconds(started)}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main();
