// Bundles the client, the server and the CLI with esbuild into dist/. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
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
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The preview's script runs in the webview (a browser), morphdom bundled in.
  { entryPoints: ['client/webview/preview.ts'], outfile: 'dist/preview.js', platform: 'browser', target: 'es2022', format: 'iife' },
];
const watch = process.argv.includes('--watch');
for (const entry of entries) {
  const options = { ...common, ...entry };
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
chmodSync('dist/cli.js', 0o755);
if (!watch) console.log(`Built ${entries.map((e) => e.outfile).join(', ')}`);
