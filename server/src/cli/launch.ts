/**
 * `newsdesk` as installed (dist/cli.js): loads the command-line bundle (dist/cli-main.js) with a V8 code cache, so that
 * a run does not parse and compile again the 1.7 MB it compiled last time (about 90 ms of the 1.6 s of CPU that a check
 * of 300 posts takes). The cache is made at the end of the first `check`, so that it holds the functions compiled
 * lazily during the run too; it lives in the user's cache folder, named by the bundle's hash and Node's version and
 * platform. A cache V8 rejects is made again; a cache folder that cannot be written is no cache at all.
 */
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Script } from 'node:vm';
import { makeFolders } from '../node/folders';

/** The bundle's hash, set by scripts/build.mjs; undefined when this file runs unbundled (no code cache then). */
declare const NEWSDESK_BUNDLE_HASH: string | undefined;

interface CliBundle {
  run(): void;
}

const bundle = path.join(__dirname, 'cli-main.js');
/** Caches kept in the folder, this one included. */
const KEPT_CACHES = 4;

/** `$XDG_CACHE_HOME/newsdesk`, else `~/.cache/newsdesk` (as the remote image cache). */
function cacheFile(): string | undefined {
  if (typeof NEWSDESK_BUNDLE_HASH !== 'string' || process.env.NEWSDESK_CODE_CACHE === '0') return undefined;
  const env = process.env;
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'newsdesk', `cli-${NEWSDESK_BUNDLE_HASH}-node${process.version}-${process.platform}-${process.arch}.v8cache`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined; // first run, or unreadable: compiled as usual
  }
}


function writeCache(file: string, script: Script): void {
  const folder = path.dirname(file);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    makeFolders(folder);
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, file);
    // The caches of earlier builds would pile up (1.2 MB each); a few are kept, for installs used side by side.
    const others = readdirSync(folder)
      .filter((name) => name.startsWith('cli-') && name.endsWith('.v8cache') && name !== path.basename(file))
      .map((name) => ({ file: path.join(folder, name), at: statSync(path.join(folder, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const old of others.slice(KEPT_CACHES - 1)) rmSync(old.file, { force: true });
  } catch {
    rmSync(temporary, { force: true });
  }
}

function load(): CliBundle {
  const source = readFileSync(bundle, 'utf8');
  const file = cacheFile();
  const cachedData = file === undefined ? undefined : readCache(file);
  // The same wrapper as Node's own module loader, on the same line, so positions in stack traces do not move.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, { filename: bundle, cachedData });
  if (file !== undefined && (cachedData === undefined || script.cachedDataRejected === true) && process.argv[2] === 'check') {
    process.once('exit', () => writeCache(file, script));
  }
  const module = { exports: {} as CliBundle };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, bundle, __dirname);
  return module.exports;
}

load().run();
