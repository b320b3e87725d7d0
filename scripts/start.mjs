// `npm start`: builds and packages the extension, then opens example-site/ in an editor that has it:
// desktop VS Code when `code` is on the PATH, otherwise code-server on 127.0.0.1 (the address is printed;
// Ctrl+C stops it).
//
// `npm start -- --smoke` does the same with code-server (never desktop VS Code), then checks that the printed
// address answers over HTTP with the workbench page (on 127.0.0.1 only, for at most SMOKE_WAIT_MS), stops it and
// exits 0; otherwise it exits 1 with the reason. CI runs it first, on a fresh clone.
//
//   node scripts/start.mjs [--port N] [--code-server] [--smoke] [folder]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SetupError, installVsix, profileDirs, projectRoot, startCodeServer } from './e2e/codeServer.mjs';
import { PackageError, packageExtension } from './package.mjs';

const SMOKE_WAIT_MS = 30_000;
const SMOKE_REQUEST_MS = 5_000;
const SMOKE_RETRY_MS = 250;

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const smoke = args.includes('--smoke');
const folder = path.resolve(args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--port') ?? path.join(projectRoot, 'example-site'));

class SmokeError extends Error {}

function desktopCode() {
  if (smoke || args.includes('--code-server')) return undefined;
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/**
 * GETs `address` until it answers 200 with the VS Code workbench page, for at most SMOKE_WAIT_MS. Only loopback
 * addresses are asked, and redirects are followed only within the same origin. Returns what answered.
 */
async function checkAnswers(address) {
  const origin = new URL(address).origin;
  if (!['127.0.0.1', '[::1]', 'localhost'].includes(new URL(address).hostname)) {
    throw new SmokeError(`the printed address ${address} is not a loopback address`);
  }
  const deadline = Date.now() + SMOKE_WAIT_MS;
  let last = 'no answer yet';
  for (;;) {
    try {
      let url = address;
      for (let hops = 0; ; hops++) {
        const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(SMOKE_REQUEST_MS) });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
          const next = new URL(location, url);
          if (next.origin !== origin) throw new SmokeError(`${url} redirects away from ${origin}, to ${next.href}`);
          if (hops >= 5) throw new SmokeError(`${address}: more than 5 redirects`);
          url = next.href;
          continue;
        }
        const body = await response.text();
        if (response.status === 200 && body.includes('workbench')) return `${url} answered 200 with the workbench page (${body.length} bytes)`;
        last = `${url} answered ${response.status} ${response.statusText}` + (response.status === 200 ? ' without the workbench page' : '');
        break;
      }
    } catch (error) {
      if (error instanceof SmokeError) throw error;
      last = `${address}: ${error.cause?.code ?? error.cause?.message ?? error.message}`;
    }
    if (Date.now() >= deadline) throw new SmokeError(`no workbench page within ${SMOKE_WAIT_MS / 1000} s; last: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, SMOKE_RETRY_MS));
  }
}

async function main() {
  const started = Date.now();
  const { file } = packageExtension();
  const code = desktopCode();
  if (code) {
    const install = spawnSync(code, ['--install-extension', file, '--force'], { stdio: 'inherit' });
    if (install.status !== 0) throw new SetupError(`${code} --install-extension ${file} failed`);
    spawnSync(code, [folder], { stdio: 'inherit' });
    console.log(`Opened ${path.relative(process.cwd(), folder) || '.'} in VS Code (${code}) with ${path.basename(file)} installed.`);
    return;
  }
  // A profile of its own that lasts between runs (settings, open editors); the extension is replaced each time.
  // The smoke check starts from an empty profile of its own.
  const dirs = smoke ? profileDirs('smoke') : profileDirs('start', { fresh: false });
  const installed = await installVsix(dirs, file);
  const server = await startCodeServer(dirs, { port: Number(option('port') ?? process.env.PORT ?? 0) });
  const address = server.folderUrl(folder);
  console.log(`\nJekyll Newsdesk in VS Code (code-server), with ${path.relative(process.cwd(), folder)} open:\n\n  ${address}\n`);
  if (smoke) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
      const id = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
      if (!installed.includes(id)) throw new SmokeError(`the profile has ${JSON.stringify(installed)}, not ${id}`);
      console.log(`smoke: ${await checkAnswers(address)}; ${id} installed`);
    } finally {
      await server.stop();
    }
    console.log(`smoke: passed, code-server stopped (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return;
  }
  console.log(`code-server log: ${path.relative(process.cwd(), server.log)}. Ctrl+C stops it.`);
  const stop = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  const known = error instanceof SetupError || error instanceof PackageError || error instanceof SmokeError;
  const label = smoke ? 'start --smoke: FAILED' : 'start';
  console.error(known ? `${label}: ${error.message}` : `${label}: ${error?.stack ?? error}`);
  process.exit(1);
});
