/** Folders for the caches: made level by level, and a folder that cannot be made fails at once (never spins). */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { makeFolders } from '../server/src/node/folders';

describe('makeFolders', () => {
  it('makes the missing levels, and is quiet when they exist', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-folders-'));
    try {
      const deep = path.join(root, 'a', 'b', 'c');
      makeFolders(deep);
      assert.ok(existsSync(deep));
      makeFolders(deep);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  it('fails at once under /proc, where a recursive mkdir never returns on Node 20', { skip: existsSync('/proc/self') ? false : 'no /proc on this system' }, () => {
    assert.throws(() => makeFolders('/proc/self/newsdesk-cache/remote'));
  });
});
