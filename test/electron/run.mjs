// `npm run test:electron`: the editor scenarios through the extension API in desktop VS Code, downloaded by
// @vscode/test-electron and run by @vscode/test-cli with .vscode-test.mjs.
//
// Where desktop VS Code cannot be downloaded (no route to update.code.visualstudio.com, as on our CI machines)
// the suite does not run: it prints SKIPPED with the reason, names the suite that covers the same scenarios,
// writes test-results/electron/SKIPPED.txt and exits 0. NEWSDESK_REQUIRE_ELECTRON=1 makes that a failure;
// NEWSDESK_VSCODE_PATH=/path/to/code uses an installed VS Code instead of a download.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const VSCODE_VERSION = process.env.NEWSDESK_VSCODE_VERSION ?? '1.100.3';
const DOWNLOAD_TIMEOUT_MS = 10_000;
const NETWORK_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH']);

function isNetworkError(error) {
  return NETWORK_ERRORS.has(error?.code) || NETWORK_ERRORS.has(error?.cause?.code) || error?.name === 'TimeoutError' ||
    /timed? ?out|ENOTFOUND|EAI_AGAIN/i.test(String(error?.message));
}

function skip(reason) {
  const text = [
    `test:electron SKIPPED: desktop VS Code ${VSCODE_VERSION} cannot be downloaded on this machine.`,
    `  Reason: ${reason}`,
    '  The same scenarios (invalid date squiggle and message, correction without saving, quick fixes, YAML broken',
    '  and repaired) run in the real VS Code workbench by `npm run test:e2e` (code-server + Chromium).',
    '  To run this suite: a machine that reaches update.code.visualstudio.com, or NEWSDESK_VSCODE_PATH=/path/to/code.',
  ].join('\n');
  console.log(text);
  if (process.env.GITHUB_ACTIONS) console.log(`::warning title=test:electron skipped::${reason}`);
  const dir = path.join(projectRoot, 'test-results', 'electron');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'SKIPPED.txt'), `${text}\n`);
  if (process.env.NEWSDESK_REQUIRE_ELECTRON === '1') {
    console.error('NEWSDESK_REQUIRE_ELECTRON=1: a skipped suite is a failure here.');
    process.exitCode = 1;
  }
}

/** Downloads VS Code into .vscode-test/ (or finds it there); returns the error when the download is impossible. */
async function probeDownload() {
  const { downloadAndUnzipVSCode, SilentReporter } = require('@vscode/test-electron');
  try {
    await downloadAndUnzipVSCode({
      version: VSCODE_VERSION,
      cachePath: path.join(projectRoot, '.vscode-test'),
      timeout: DOWNLOAD_TIMEOUT_MS,
      reporter: process.stdout.isTTY ? undefined : new SilentReporter(),
    });
    return undefined;
  } catch (error) {
    if (isNetworkError(error)) return error;
    throw error;
  }
}

function run(command, args, what) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${what} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

async function main() {
  if (!process.env.NEWSDESK_VSCODE_PATH) {
    const error = await probeDownload();
    if (error) {
      skip(`@vscode/test-electron's download failed: ${error.code ?? error.name}: ${error.message}`);
      return;
    }
  }
  run('npm', ['run', '--silent', 'build'], 'npm run build');
  const cli = [path.join(path.dirname(require.resolve('@vscode/test-cli/package.json')), 'out', 'bin.mjs'),
    '--config', path.join(projectRoot, '.vscode-test.mjs'), '--label', 'scenarios'];
  // Desktop VS Code needs a display; on a headless Linux machine borrow one from Xvfb.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    if (spawnSync('sh', ['-c', 'command -v xvfb-run']).status !== 0) {
      console.error('test:electron: no display, and xvfb-run is not installed: apt-get install -y --no-install-recommends xvfb xauth');
      process.exitCode = 1;
      return;
    }
    run('xvfb-run', ['-a', process.execPath, ...cli], 'vscode-test');
  } else {
    run(process.execPath, cli, 'vscode-test');
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
