/** `--format json` as it was first written: the array of entries, each `JSON.stringify(entry, null, 2)` indented by `^`. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { FileReport } from '../server/src/cli/check';
import { jsonWriter } from '../server/src/cli/format';

const reference = (reports: FileReport[]) =>
  reports.length === 0 ? '[]\n' : `[\n${reports.map((r) => JSON.stringify(r, null, 2).replace(/^/gm, '  ')).join(',\n')}\n]\n`;

describe('the JSON output', () => {
  it('indents each entry as /^/gm did, after U+2028 and U+2029 too', () => {
    const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } };
    const reports: FileReport[] = [
      { file: '_posts/a.md', problems: [] },
      { file: '_posts/维族.md', problems: [{ rule: 'body/x', severity: 'warning', message: 'line\nbreak "quoted" \\ tab\t', range }], fixed: true },
      { file: '_posts/b\u2028c.md', problems: [{ rule: 'body/y', severity: 'error', message: 'a\u2029b', range }], notWritten: 'it is read-only' },
    ];
    for (const list of [[], reports.slice(0, 1), reports]) {
      let out = '';
      const writer = jsonWriter((chunk) => (out += chunk));
      for (const report of list) writer.file(report);
      writer.end();
      assert.equal(out, reference(list));
    }
  });
});
