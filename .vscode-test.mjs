// @vscode/test-cli configuration: the editor scenarios through the extension API in desktop VS Code.
// Run it with `npm run test:electron` (test/electron/run.mjs), which first checks that VS Code can be
// downloaded and otherwise says why the suite is skipped; `npx vscode-test` runs it directly.
import { defineConfig } from '@vscode/test-cli';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
// The scenarios edit posts (without saving); they get a fresh copy of the test site each run.
const site = path.join(root, '.vscode-test', 'electron-site');
fs.rmSync(site, { recursive: true, force: true });
fs.cpSync(path.join(root, 'test', 'e2e', 'site'), site, { recursive: true });

const installedVSCode = process.env.NEWSDESK_VSCODE_PATH;

export default defineConfig({
  label: 'scenarios',
  files: 'test/electron/**/*.test.cjs',
  // The same VS Code as the code-server suite (code-server 4.100.3 is VS Code 1.100.3); override to try others.
  version: process.env.NEWSDESK_VSCODE_VERSION ?? '1.100.3',
  ...(installedVSCode ? { useInstallation: { fromPath: installedVSCode } } : {}),
  extensionDevelopmentPath: root,
  workspaceFolder: site,
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  mocha: { ui: 'bdd', timeout: 30_000 },
});
