// The language server's workspace index over a site (issue #9): `node scripts/bench-index.mjs SITE` (after `tsc -b`)
// scans SITE as the server does at start (sources, tags, categories, authors) through the asynchronous file system
// workspace and prints one JSON line: posts, scan time, and the heap the index holds afterwards. Run by
// scripts/bench-archive.mjs beside `newsdesk check` over the generated archive (which also takes the peak RSS).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = process.argv[2];
if (!root) {
  console.error('usage: node scripts/bench-index.mjs SITE');
  process.exit(2);
}
const { createLanguageService } = await import(path.join(repo, 'out/server/src/core/service.js'));
const { FsWorkspace } = await import(path.join(repo, 'out/server/src/node/fsWorkspace.js'));
const service = createLanguageService({ workspace: new FsWorkspace() });
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const start = performance.now();
const scan = await service.index.scan([path.resolve(root)]);
const ms = performance.now() - start;
// The facet counts are complete once their queue has drained.
await service.index.values(path.join(path.resolve(root), '_posts', 'x.md'), 'tags');
globalThis.gc?.();
console.log(JSON.stringify({ files: scan.files, failures: scan.failures.length, ms, heapMB: (process.memoryUsage().heapUsed - heapBefore) / 1048576 }));
