import { defineFileRule } from '../../rule';

export default defineFileRule({
  id: 'file/encoding',
  description: 'The file is not valid UTF-8',
  defaultSeverity: 'error',
  docs: "Jekyll reads posts as UTF-8 (`encoding: utf-8` by default). A file with bytes that are not valid UTF-8 (a Latin-1 or GBK file, or a cut multi-byte character) shows garbage on the site or stops the build with `invalid byte sequence in UTF-8`. Newsdesk checks the rest with the bad bytes replaced, and `--fix` never rewrites such a file. Re-save it as UTF-8.",
  check({ file, report }) {
    if (!file.invalidUtf8) return;
    report({
      range: { offset: 0, length: 0 },
      message: 'This file is not valid UTF-8: Jekyll shows garbage for the bad bytes or stops with "invalid byte sequence in UTF-8". Re-save it as UTF-8; until then fixes are not written to it.',
    });
  },
});
