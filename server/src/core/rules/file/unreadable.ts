import { defineFileRule } from '../../rule';

export default defineFileRule({
  id: 'file/unreadable',
  description: 'The file could not be read',
  defaultSeverity: 'error',
  docs: 'Newsdesk could not open or read the file (a permission or disk error; the reason is in the message), so none of its checks ran. Jekyll will most likely fail on it too. Make the file readable and check again.',
  check({ file, report }) {
    if (file.failure !== 'unreadable') return;
    report({ range: { offset: 0, length: 0 }, message: `This file could not be read (${file.detail ?? 'unknown error'}), so it was not checked. Jekyll cannot read it either: make it readable and check again.` });
  },
});
