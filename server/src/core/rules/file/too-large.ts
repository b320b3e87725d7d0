import { defineFileRule } from '../../rule';
import { MAX_FILE_BYTES } from '../../workspace';

export default defineFileRule({
  id: 'file/too-large',
  description: 'The file is too large to be a post',
  defaultSeverity: 'warning',
  docs: `A post or site file larger than ${MAX_FILE_BYTES / 1024 / 1024} MB is not read: no news article is that large, and such a file is usually a misplaced archive, a binary or a runaway feed import. It slows every Jekyll build. Move it out of the site's folders or split it.`,
  check({ file, report }) {
    if (file.failure !== 'too-large') return;
    report({
      range: { offset: 0, length: 0 },
      message: `This file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB (${file.detail ?? ''}), so it was not checked. No article is that large: it slows every Jekyll build; move it out of the site's folders or split it.`,
    });
  },
});
