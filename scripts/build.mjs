// Bundles the client, the server and the CLI with esbuild into dist/. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, chmodSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { NEWSDESK_VERSION: JSON.stringify(pkg.version) },
};
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli-main.js' },
  // The preview's script runs in the webview (a browser), morphdom bundled in.
  { entryPoints: ['client/webview/preview.ts'], outfile: 'dist/preview.js', platform: 'browser', target: 'es2022', format: 'iife' },
];
// dist/cli.js loads dist/cli-main.js with a V8 code cache named by the bundle's hash (server/src/cli/launch.ts).
const launcher = { entryPoints: ['server/src/cli/launch.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } };
const bundleHash = () => createHash('sha256').update(readFileSync('dist/cli-main.js')).digest('hex').slice(0, 16);
const watch = process.argv.includes('--watch');
for (const entry of entries) {
  const options = { ...common, ...entry };
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
if (watch) {
  // A rebuilt bundle must not meet the cache of the one before it: the watched launcher caches nothing.
  await (await esbuild.context({ ...common, ...launcher, define: { ...common.define, NEWSDESK_BUNDLE_HASH: 'undefined' } })).watch();
} else {
  await esbuild.build({ ...common, ...launcher, define: { ...common.define, NEWSDESK_BUNDLE_HASH: JSON.stringify(bundleHash()) } });
}
chmodSync('dist/cli.js', 0o755);
if (!watch) console.log(`Built ${[...entries, launcher].map((e) => e.outfile).join(', ')}`);
