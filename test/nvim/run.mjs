// Neovim, headless, as the LSP client of the language server over stdio: `npm run test:nvim`.
//
//   node test/nvim/run.mjs [--server "node dist/server.js --stdio"]
//
// Neovim opens posts of the test site (test/e2e/site) and records what the server publishes (lsp_client.lua);
// this script checks ranges, codes, messages and code actions against test/e2e/expectations.json.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../..');
const expected = JSON.parse(fs.readFileSync(path.join(projectRoot, 'test/e2e/expectations.json'), 'utf8'));
const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 };
const NVIM_TIMEOUT_MS = 60_000;

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function setupProblem() {
  const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (nvim.error || nvim.status !== 0) {
    return 'Neovim (`nvim`) is not installed: apt-get update && apt-get install -y --no-install-recommends neovim';
  }
  const [, major, minor] = /NVIM v(\d+)\.(\d+)/.exec(nvim.stdout) ?? [];
  if (!(Number(major) > 0 || Number(minor) >= 7)) {
    return `Neovim 0.7 or later is needed (vim.lsp.start_client, vim.diagnostic); found: ${nvim.stdout.split('\n')[0]}`;
  }
  if (!option('server') && !fs.existsSync(path.join(projectRoot, 'dist/server.js'))) {
    return 'dist/server.js is missing: run `npm run build` first';
  }
  return undefined;
}

async function runNeovim(serverCommand, site, plan) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-nvim-'));
  const planFile = path.join(work, 'plan.json');
  const outFile = path.join(work, 'out.json');
  fs.writeFileSync(planFile, JSON.stringify(plan));
  const env = {
    ...process.env,
    NEWSDESK_LSP_CMD: JSON.stringify(serverCommand),
    NEWSDESK_ROOT: site,
    NEWSDESK_PLAN: planFile,
    NEWSDESK_OUT: outFile,
    XDG_CONFIG_HOME: path.join(work, 'config'),
    XDG_DATA_HOME: path.join(work, 'data'),
    XDG_STATE_HOME: path.join(work, 'state'),
    XDG_CACHE_HOME: path.join(work, 'cache'),
  };
  // -n: no swap files next to the posts; --clean: no user config or plugins.
  const child = spawn('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${path.join(here, 'lsp_client.lua')}`], {
    cwd: site,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), NVIM_TIMEOUT_MS);
  const [code, signal] = await once(child, 'exit');
  clearTimeout(timer);
  if (code !== 0 || !fs.existsSync(outFile)) {
    const reason = signal ? `was killed after ${NVIM_TIMEOUT_MS / 1000} s` : `exited with ${code}`;
    throw new Error(`nvim ${reason} without a result.\n${output}\nNeovim's LSP log is under ${env.XDG_CACHE_HOME}/nvim/`);
  }
  const result = JSON.parse(fs.readFileSync(outFile, 'utf8'));
  // Neovim logs the server's stderr there: the first place to look when the server died.
  result.lspLogTail = fs.existsSync(result.lspLog) ? fs.readFileSync(result.lspLog, 'utf8').split('\n').slice(-30).join('\n') : '';
  fs.rmSync(work, { recursive: true, force: true });
  return result;
}

const checks = [];
function check(name, ok, detail) {
  checks.push({ name, ok: Boolean(ok), detail });
}

const line = (text, n) => text.split('\n')[n];
const sameRange = (a, b) =>
  a.start.line === b.start.line && a.start.character === b.start.character &&
  a.end.line === b.end.line && a.end.character === b.end.character;
const show = (value) => JSON.stringify(value);
const codesOf = (diagnostics) => diagnostics.map((d) => d.code).sort();

function checkDiagnostic(label, diagnostics, want) {
  const found = diagnostics.filter((d) => d.code === want.code);
  check(`${label}: one ${want.code} diagnostic`, found.length === 1, `codes published: ${show(codesOf(diagnostics))}`);
  const [d] = found;
  if (!d) return undefined;
  check(`${label}: source is ${expected.source}`, d.source === expected.source, `source ${show(d.source)}`);
  check(`${label}: severity ${want.severity}`, d.severity === SEVERITY[want.severity], `severity ${d.severity}`);
  const docs = `https://github.com/jekyll-newsdesk/jekyll-newsdesk/blob/main/docs/rules.md#${want.code.replace(/[^\p{L}\p{M}\p{N}_ -]/gu, '')}`;
  check(`${label}: links to its rule's docs`, d.codeDescription?.href === docs, `codeDescription ${show(d.codeDescription)}`);
  if (want.range) {
    check(`${label}: range covers the value '${want.value}'`, sameRange(d.range, want.range), `got ${show(d.range)}, want ${show(want.range)}`);
  } else {
    check(`${label}: on line ${want.line}`, d.range.start.line === want.line, `got ${show(d.range)}`);
  }
  if (want.messageStartsWith) {
    check(`${label}: message starts with "${want.messageStartsWith}"`, d.message.startsWith(want.messageStartsWith), d.message);
  }
  for (const words of want.messageIncludes ?? []) {
    check(`${label}: message mentions "${words}"`, d.message.toLowerCase().includes(words.toLowerCase()), d.message);
  }
  return d;
}

async function main() {
  const problem = setupProblem();
  if (problem) {
    console.error(`test:nvim cannot run: ${problem}`);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
    return;
  }
  const serverCommand = option('server')?.split(' ') ?? ['node', path.join(projectRoot, 'dist/server.js'), '--stdio'];
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-nvim-site-'));
  fs.cpSync(path.join(projectRoot, 'test/e2e/site'), site, { recursive: true });
  const { invalidDate, stringTags, noTimezone, yamlSyntax } = expected;
  const plan = [
    { file: invalidDate.file, codeActions: true },
    { file: stringTags.file, apply: { code: stringTags.code, title: stringTags.fixTitle } },
    { file: noTimezone.file, apply: { code: noTimezone.code } },
    {
      file: yamlSyntax.file,
      edits: [
        { line: yamlSyntax.line, text: yamlSyntax.brokenLine },
        { line: yamlSyntax.line, text: yamlSyntax.repairedLine },
      ],
    },
  ];

  const started = Date.now();
  const out = await runNeovim(serverCommand, site, plan);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const byFile = Object.fromEntries(out.results.map((r) => [r.file, r]));
  console.log(`Neovim ${out.nvim.major}.${out.nvim.minor}.${out.nvim.patch} <-> ${serverCommand.join(' ')} (${seconds} s)`);

  for (const record of out.results) console.log(`  ${record.file}: ${show(codesOf(record.initial.lsp))}`);
  check('the server keeps running until the client stops it', out.serverExit === null,
    `server exited: ${show(out.serverExit)}\nNeovim's LSP log (server stderr):\n${out.lspLogTail}`);
  for (const record of out.results) {
    check(`${record.file}: filetype is markdown`, record.filetype === 'markdown', `filetype ${show(record.filetype)}`);
    check(`${record.file}: diagnostics arrived`, record.arrived, 'no textDocument/publishDiagnostics for this file');
  }

  const bad = byFile[invalidDate.file];
  const invalid = checkDiagnostic('invalid date', bad.initial.lsp, invalidDate);
  if (invalid) {
    const shown = bad.initial.shown.find((d) => d.message === invalid.message);
    check('invalid date: Neovim shows it at the same place', shown && shown.lnum === invalid.range.start.line &&
      shown.col === invalid.range.start.character, show(shown));
  }

  const tags = byFile[stringTags.file];
  checkDiagnostic('string tags', tags.initial.lsp, stringTags);
  const tagActions = (tags.actions ?? []).filter((a) => a.forCode === stringTags.code).map((a) => a.action.title);
  check(`string tags: code action "${stringTags.fixTitle}" offered`, tagActions.some((t) => t.includes(stringTags.fixTitle)),
    `titles: ${show(tagActions)}`);
  check('string tags: the fix was applied', tags.applied, `actions: ${show(tags.actions)}`);
  if (tags.applied) {
    check(`string tags: fixed line is "${stringTags.fixedLine}"`, line(tags.textAfterFix, stringTags.range.start.line) === stringTags.fixedLine,
      show(line(tags.textAfterFix, stringTags.range.start.line)));
    check('string tags: the warning is gone after the fix', tags.arrivedAfterFix && !codesOf(tags.afterFix.lsp).includes(stringTags.code),
      `codes after: ${show(codesOf(tags.afterFix.lsp))}`);
  }

  const zone = byFile[noTimezone.file];
  checkDiagnostic('date without time zone', zone.initial.lsp, noTimezone);
  check('date without time zone: a fix with an edit was applied', zone.applied,
    `actions: ${show((zone.actions ?? []).map((a) => [a.forCode, a.action.title, Boolean(a.action.edit)]))}`);
  if (zone.applied) {
    check(`date without time zone: fixed line is "${noTimezone.fixedLine}"`,
      line(zone.textAfterFix, noTimezone.range.start.line) === noTimezone.fixedLine,
      `fix "${zone.applied}" gave ${show(line(zone.textAfterFix, noTimezone.range.start.line))}`);
    check('date without time zone: the info is gone after the fix',
      zone.arrivedAfterFix && !codesOf(zone.afterFix.lsp).includes(noTimezone.code), `codes after: ${show(codesOf(zone.afterFix.lsp))}`);
  }

  const yaml = byFile[yamlSyntax.file];
  const [broken, repaired] = yaml.afterEdits;
  check('YAML: no syntax error before the edit', !codesOf(yaml.initial.lsp).includes(yamlSyntax.code), show(codesOf(yaml.initial.lsp)));
  check('YAML: diagnostics arrived after breaking it', broken.arrived, 'no publish after didChange');
  checkDiagnostic('YAML broken', broken.lsp, yamlSyntax);
  check('YAML: diagnostics arrived after repairing it', repaired.arrived, 'no publish after didChange');
  check('YAML: the syntax error is gone after the repair', !codesOf(repaired.lsp).includes(yamlSyntax.code), show(codesOf(repaired.lsp)));
  check('YAML: the repaired post has the same problems as before the edit',
    show(codesOf(repaired.lsp)) === show(codesOf(yaml.initial.lsp)), `before ${show(codesOf(yaml.initial.lsp))}, after ${show(codesOf(repaired.lsp))}`);

  for (const c of checks) console.log(`${c.ok ? '  ok  ' : '  FAIL'} ${c.name}${c.ok ? '' : `\n         ${c.detail}`}`);
  const failed = checks.filter((c) => !c.ok).length;
  if (failed > 0 && out.serverMessages.length > 0) console.log(`server messages:\n  ${out.serverMessages.join('\n  ')}`);
  fs.rmSync(site, { recursive: true, force: true });
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
