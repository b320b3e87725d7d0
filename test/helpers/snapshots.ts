/**
 * Stored expectations (snapshots) for the tests. Locally, a missing snapshot is written on the first run, and
 * UPDATE_SNAPSHOTS=1 rewrites them all, for review in the diff. Under CI (`CI` set) nothing is ever written: a
 * missing or differing snapshot fails, even with UPDATE_SNAPSHOTS=1.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const UNDER_CI = Boolean(process.env.CI);
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1' && !UNDER_CI;

/** Compares `actual` with the JSON stored in `file`, writing it instead when allowed (see above). */
export function matchSnapshot(file: string, actual: unknown, what = file): void {
  if (!existsSync(file)) {
    if (UNDER_CI) assert.fail(`missing ${file} (CI never writes snapshots): run UPDATE_SNAPSHOTS=1 npm test locally, review and commit it`);
    writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
    return;
  }
  if (UPDATE) {
    writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
    return;
  }
  assert.deepEqual(actual, JSON.parse(readFileSync(file, 'utf8')), `differs from ${what}` + (UNDER_CI ? '' : ' (UPDATE_SNAPSHOTS=1 rewrites it)'));
}
