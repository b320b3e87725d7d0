// code-server (the VS Code workbench served to a browser) for the editor tests and `npm start`.
//
// Desktop VS Code cannot be downloaded on our CI machines; code-server from npm can. It is installed once into
// .vscode-test/code-server/ (git-ignored), outside the project's dependencies, and every start gets private
// config, data and extension folders so nothing is written to $HOME.
//
// As a command, `node scripts/e2e/codeServer.mjs install` installs it (CI does this as a step of its own).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
// The Node major that code-server 4.100.3 declares in `engines` (its native modules are built for it).
const CODE_SERVER_NODE_MAJOR = 20;
// @vscode/ripgrep (inside code-server's VS Code) downloads rg from GitHub in its postinstall step unless this
// tarball is already in its cache folder; GitHub is unreachable here, so we put Debian's rg there.
const RIPGREP_CACHE_DIR = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheRoot = path.join(projectRoot, '.vscode-test');
const installDir = path.join(cacheRoot, 'code-server');
const entryPoint = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const installedMarker = path.join(installDir, `installed-${CODE_SERVER_VERSION}.json`);

export class SetupError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SetupError';
  }
}

const APT_HINT =
  'apt-get update && apt-get install -y --no-install-recommends libkrb5-dev pkg-config ripgrep make g++ python3 ' +
  '(scripts/ci-editors.sh does this)';

function which(command) {
  const result = spawnSync('sh', ['-c', `command -v "${command}"`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** What a code-server install needs from the machine; each missing piece says how to get it. */
function missingInstallPrerequisites() {
  const missing = [];
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor !== CODE_SERVER_NODE_MAJOR) {
    missing.push(
      `Node ${CODE_SERVER_NODE_MAJOR} (code-server ${CODE_SERVER_VERSION} requires it; this is Node ${process.versions.node})`,
    );
  }
  if (!which('rg')) missing.push('ripgrep (`rg`): apt-get install -y --no-install-recommends ripgrep');
  if (!which('pkg-config')) missing.push('pkg-config: apt-get install -y --no-install-recommends pkg-config');
  else if (spawnSync('pkg-config', ['--exists', 'krb5-gssapi']).status !== 0) {
    missing.push('Kerberos headers (for the `kerberos` native module): apt-get install -y --no-install-recommends libkrb5-dev');
  }
  for (const tool of ['make', 'g++', 'python3']) {
    if (!which(tool)) missing.push(`${tool} (to build code-server's native modules): apt-get install -y --no-install-recommends make g++ python3`);
  }
  if (!which('tar')) missing.push('tar (to pre-fill the ripgrep cache): apt-get install -y tar');
  return missing;
}

export function isCodeServerInstalled() {
  return fs.existsSync(installedMarker) && fs.existsSync(entryPoint);
}

function prefillRipgrepCache(tmpDir) {
  const cacheDir = path.join(tmpDir, RIPGREP_CACHE_DIR);
  fs.mkdirSync(cacheDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(tmpDir, 'rg-'));
  fs.copyFileSync(which('rg'), path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  const tar = spawnSync('tar', ['-czf', path.join(cacheDir, RIPGREP_TARBALL), '-C', staging, 'rg']);
  if (tar.status !== 0) throw new SetupError(`Could not pack rg for the ripgrep cache: ${tar.stderr}`);
  fs.rmSync(staging, { recursive: true, force: true });
}

/**
 * Installs code-server once (about a minute) and returns the path of its entry point. Later calls return at once.
 * The install goes to a side folder and is renamed into place only when complete, so an interrupted install
 * is never mistaken for a good one.
 */
export async function ensureCodeServer({ log = console.log } = {}) {
  if (isCodeServerInstalled()) return entryPoint;
  const missing = missingInstallPrerequisites();
  if (missing.length > 0) {
    throw new SetupError(
      `Cannot install code-server ${CODE_SERVER_VERSION}; missing:\n  - ${missing.join('\n  - ')}\n` +
        `All at once: ${APT_HINT}`,
    );
  }
  const partial = `${installDir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.rmSync(installDir, { recursive: true, force: true });
  const tmpDir = path.join(partial, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  // Its own package.json, so npm does not climb up to the project's manifest.
  fs.writeFileSync(
    path.join(partial, 'package.json'),
    JSON.stringify({ name: 'newsdesk-code-server', private: true, description: 'Test editor, not part of the extension' }),
  );
  prefillRipgrepCache(tmpDir);

  log(`Installing code-server@${CODE_SERVER_VERSION} into ${path.relative(projectRoot, installDir)}/ (once; about a minute)...`);
  const started = Date.now();
  const logFile = path.join(cacheRoot, 'code-server-install.log');
  const out = fs.openSync(logFile, 'w');
  const npm = spawn(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--foreground-scripts',
      '--dangerously-allow-all-scripts',
      `code-server@${CODE_SERVER_VERSION}`,
    ],
    {
      cwd: partial,
      stdio: ['ignore', out, out],
      env: { ...process.env, TMPDIR: tmpDir, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
    },
  );
  const [code] = await once(npm, 'exit');
  fs.closeSync(out);
  const partialEntry = path.join(partial, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const vscodeModules = path.join(partial, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  if (code !== 0 || !fs.existsSync(partialEntry) || !fs.existsSync(vscodeModules)) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
    throw new SetupError(
      `npm install code-server@${CODE_SERVER_VERSION} failed (exit ${code}); full log: ${logFile}\n${tail}\n` +
        `The npm registry must be reachable, and: ${APT_HINT}`,
    );
  }
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.renameSync(partial, installDir);
  fs.writeFileSync(installedMarker, JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }));
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return entryPoint;
}

/** Private folders for one code-server profile; `fresh` wipes what an earlier run left. */
export function profileDirs(name, { fresh = true } = {}) {
  const root = path.join(cacheRoot, 'profiles', name);
  if (fresh) fs.rmSync(root, { recursive: true, force: true });
  const dirs = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    config: path.join(root, 'config.yaml'),
    xdgConfig: path.join(root, 'xdg', 'config'),
    xdgData: path.join(root, 'xdg', 'data'),
    xdgCache: path.join(root, 'xdg', 'cache'),
    log: path.join(root, 'code-server.log'),
  };
  for (const dir of [dirs.userData, dirs.extensions, dirs.xdgConfig, dirs.xdgData, dirs.xdgCache]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  return dirs;
}

function writeUserSettings(dirs, settings) {
  const userDir = path.join(dirs.userData, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  const file = path.join(userDir, 'settings.json');
  const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
}

function codeServerArgs(dirs) {
  return [
    '--config', dirs.config,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
  ];
}

function codeServerEnv(dirs) {
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
  };
  // A code-server started from inside another VS Code terminal would otherwise talk to that one.
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_')) delete env[key];
  return env;
}

/** Installs a .vsix into the profile's extensions folder with code-server's own CLI; returns the extension id. */
export async function installVsix(dirs, vsixPath) {
  const entry = await ensureCodeServer();
  const result = spawnSync(process.execPath, [entry, ...codeServerArgs(dirs), '--force', '--install-extension', vsixPath], {
    env: codeServerEnv(dirs),
    encoding: 'utf8',
    timeout: 60_000,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new SetupError(`code-server --install-extension ${vsixPath} failed (exit ${result.status}):\n${output}`);
  }
  const installed = fs.readdirSync(dirs.extensions).filter((name) => !name.startsWith('.') && name !== 'extensions.json');
  return installed;
}

/**
 * Starts code-server on 127.0.0.1 (a free port unless one is given) and resolves once it listens.
 * Returns { url, folderUrl(folder), stop() }.
 */
export async function startCodeServer(dirs, { port = 0, folder, settings = {} } = {}) {
  const entry = await ensureCodeServer();
  writeUserSettings(dirs, {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    ...settings,
  });
  const args = [entry, ...codeServerArgs(dirs), '--bind-addr', `127.0.0.1:${port}`];
  if (folder) args.push(folder);
  const logStream = fs.createWriteStream(dirs.log);
  const child = spawn(process.execPath, args, { env: codeServerEnv(dirs), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(logStream, { end: false });
  child.stderr.pipe(logStream, { end: false });

  const url = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new SetupError('code-server did not report a listening address within 30 s')), 30_000);
    const onData = (chunk) => {
      seen += chunk.toString();
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\/?/.exec(seen);
      if (match) done(match[1]);
    };
    const onExit = (code) => fail(new SetupError(`code-server exited (code ${code}) before listening; log: ${dirs.log}\n${seen.slice(-2000)}`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
    }
    function done(value) {
      cleanup();
      resolve(value);
    }
    function fail(error) {
      cleanup();
      child.kill('SIGTERM');
      reject(error);
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', onExit);
  });

  return {
    url,
    process: child,
    log: dirs.log,
    folderUrl: (workspace) => `${url}/?folder=${encodeURIComponent(workspace)}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      logStream.end();
    },
  };
}

async function main(argv) {
  const [command] = argv;
  if (command === 'install') {
    const entry = await ensureCodeServer();
    console.log(`code-server ${CODE_SERVER_VERSION}: ${entry}`);
    return;
  }
  console.error('usage: node scripts/e2e/codeServer.mjs install');
  process.exitCode = 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof SetupError ? `SETUP: ${error.message}` : error);
    process.exitCode = 1;
  });
}
