// `npm start`: builds and packages the extension, then opens example-site/ in an editor that has it:
// desktop VS Code when `code` is on the PATH, otherwise code-server on 127.0.0.1 (the address is printed;
// Ctrl+C stops it).
//
//   node scripts/start.mjs [--port N] [--code-server] [folder]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SetupError, installVsix, profileDirs, projectRoot, startCodeServer } from './e2e/codeServer.mjs';
import { PackageError, packageExtension } from './package.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const folder = path.resolve(args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--port') ?? path.join(projectRoot, 'example-site'));

function desktopCode() {
  if (args.includes('--code-server')) return undefined;
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

async function main() {
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
  const dirs = profileDirs('start', { fresh: false });
  await installVsix(dirs, file);
  const server = await startCodeServer(dirs, { port: Number(option('port') ?? process.env.PORT ?? 0) });
  console.log(`\nJekyll Newsdesk in VS Code (code-server), with ${path.relative(process.cwd(), folder)} open:\n\n  ${server.folderUrl(folder)}\n`);
  console.log(`code-server log: ${path.relative(process.cwd(), server.log)}. Ctrl+C stops it.`);
  const stop = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof SetupError || error instanceof PackageError ? `start: ${error.message}` : error);
  process.exit(1);
});
