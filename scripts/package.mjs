// `npm run package`: builds and packages the extension into <name>-<version>.vsix with @vscode/vsce, then opens
// the .vsix and checks what a user would get: the bundle without node_modules, icon, README, CHANGELOG, LICENSE,
// under MAX_BYTES.
//
//   node scripts/package.mjs [--out file.vsix]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 2 * 1024 * 1024;

export class PackageError extends Error {}

function readManifest() {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
}

/** What the Marketplace listing needs from package.json and the project folder; each gap says how to close it. */
function manifestProblems(manifest) {
  const problems = [];
  const need = (ok, text) => ok || problems.push(text);
  need(typeof manifest.icon === 'string' && fs.existsSync(path.join(projectRoot, manifest.icon)),
    'package.json "icon": "images/icon.png" (a 128x128 PNG that exists)');
  need(manifest.repository, 'package.json "repository": { "type": "git", "url": "..." }');
  need(Array.isArray(manifest.categories) && manifest.categories.length > 0, 'package.json "categories"');
  need(Array.isArray(manifest.keywords) && manifest.keywords.length > 0, 'package.json "keywords"');
  need(manifest.license, 'package.json "license"');
  for (const file of ['README.md', 'CHANGELOG.md', 'LICENSE']) {
    need(fs.existsSync(path.join(projectRoot, file)), `${file} in the project folder`);
  }
  return problems;
}

/** Names of the entries of a zip file, read from its central directory. */
export function zipEntries(file) {
  const zip = fs.readFileSync(file);
  const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  const CENTRAL_FILE_HEADER = 0x02014b50;
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) end--;
  if (end < 0) throw new PackageError(`${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_FILE_HEADER) throw new PackageError(`${file}: bad central directory`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), size: zip.readUInt32LE(at + 24) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function run(command, args, what) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new PackageError(`${what} failed (exit ${result.status ?? result.signal})`);
}

/** Builds and packages; returns { file, bytes, entries }. */
export function packageExtension({ out, log = console.log } = {}) {
  const manifest = readManifest();
  const problems = manifestProblems(manifest);
  if (problems.length > 0) throw new PackageError(`Cannot package; missing:\n  - ${problems.join('\n  - ')}`);

  // `vsce package` always runs `vscode:prepublish` (our build) before it collects the files, so the bundles can
  // only be checked after it: on a fresh clone there is no dist/ until then. Build here only when the manifest
  // has no prepublish script.
  if (!manifest.scripts?.['vscode:prepublish']) run('npm', ['run', '--silent', 'build'], 'npm run build');

  const file = path.resolve(projectRoot, out ?? `${manifest.name}-${manifest.version}.vsix`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const vsce = path.join(path.dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
  // stdin is closed: vsce's yes/no questions must not wait for an answer in CI.
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', file], 'vsce package (and the build it runs)');
  for (const bundle of [manifest.main, 'dist/server.js']) {
    if (!fs.existsSync(path.join(projectRoot, bundle))) throw new PackageError(`${bundle} is missing after the build`);
  }

  const entries = zipEntries(file);
  const names = entries.map((e) => e.name);
  const bytes = fs.statSync(file).size;
  const contentProblems = [];
  const has = (name) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  if (names.some((n) => n.includes('node_modules/'))) contentProblems.push('it contains a node_modules folder');
  for (const wanted of ['extension/package.json', `extension/${manifest.main.replace(/^\.\//, '')}`,
    'extension/dist/server.js', 'extension/dist/preview.js', 'extension/media/preview.css', 'extension/snippets/posts.json', 'extension/snippets/markdown.json', 'extension/snippets/html.json', `extension/${manifest.icon}`, 'extension/readme.md', 'extension/changelog.md',
    'extension/LICENSE.txt']) {
    if (!has(wanted)) contentProblems.push(`${wanted} is missing`);
  }
  if (names.some((n) => n.endsWith('.map') || n.endsWith('.ts'))) contentProblems.push('it contains sources or source maps');
  if (bytes > MAX_BYTES) contentProblems.push(`it is ${(bytes / 1024 / 1024).toFixed(2)} MB, over the 2 MB budget`);
  if (contentProblems.length > 0) throw new PackageError(`${path.basename(file)}: ${contentProblems.join('; ')}`);
  log(`${path.relative(process.cwd(), file)}: ${(bytes / 1024).toFixed(1)} KB, ${entries.length} entries, no node_modules`);
  return { file, bytes, entries };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  try {
    packageExtension({ out: outIndex >= 0 ? args[outIndex + 1] : undefined });
  } catch (error) {
    console.error(error instanceof PackageError ? `package: ${error.message}` : error);
    process.exitCode = 1;
  }
}
