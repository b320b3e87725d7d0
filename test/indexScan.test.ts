/**
 * The index scan reads only the head of each post (its front matter) when the workspace can: the index it builds is
 * the one a scan of whole files builds, on the shared corpus and on posts made to cross the head's edge.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { createLanguageService } from '../server/src/core/service';
import type { Workspace } from '../server/src/core/workspace';
import { FsWorkspace } from '../server/src/node/fsWorkspace';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

/** The same files without `readHead`: every post read whole. */
function wholeFiles(): Workspace {
  const fs = new FsWorkspace();
  return { read: (p) => fs.read(p), readFile: (p) => fs.readFile(p), readDirectory: (p) => fs.readDirectory(p), stat: (p) => fs.stat(p) };
}

async function indexOf(workspace: Workspace, root: string, probe: string) {
  const service = createLanguageService({ workspace });
  const scan = await service.index.scan([root]);
  const facets = await Promise.all((['tags', 'categories', 'author'] as const).map((facet) => service.index.values(probe, facet)));
  return { files: scan.files, failures: scan.failures, size: service.index.size, facets };
}

describe('the index scan reads the front matter only', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'newsdesk-index-'));
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('builds the same index as whole files on the shared corpus', { skip: existsSync(CORPUS) ? false : `${CORPUS} is not beside this checkout` }, async () => {
    const probe = path.join(CORPUS, '_posts', 'x.md');
    const head = await indexOf(new FsWorkspace(), CORPUS, probe);
    const whole = await indexOf(wholeFiles(), CORPUS, probe);
    assert.ok(head.files > 300);
    assert.deepEqual(head, whole);
  });

  it('reads on past the head when the front matter is longer, and never splits a character', async () => {
    const site = path.join(temp, 'site');
    mkdirSync(path.join(site, '_posts'), { recursive: true });
    writeFileSync(path.join(site, '_config.yml'), 'title: t\n');
    // Front matter of 20 KB: the head (8 KB) does not hold its end, so the whole file is read.
    const long = `---\ntitle: Long\nnote: "${'长'.repeat(7000)}"\ntags: [late]\nfrom: https://example.com/late\n---\nBody\n`;
    writeFileSync(path.join(site, '_posts', '2024-01-01-long.md'), long);
    // A three-byte character across the 8 KB edge, in a body after a short front matter.
    const edge = `---\ntitle: Edge\ntags: [edge]\n---\n${'a'.repeat(8192 - 34)}长长长\n`;
    writeFileSync(path.join(site, '_posts', '2024-01-02-edge.md'), edge);
    const probe = path.join(site, '_posts', 'x.md');
    const head = await indexOf(new FsWorkspace(), site, probe);
    assert.deepEqual(head, await indexOf(wholeFiles(), site, probe));
    assert.deepEqual(head.facets[0].map((v) => v.value).sort(), ['edge', 'late']);
    assert.equal(head.size, 1);
  });
});
