import { defineFileRule } from '../../rule';

export default defineFileRule({
  id: 'file/not-a-file',
  description: 'A post path is a pipe, a device, a socket or a link to one',
  defaultSeverity: 'error',
  docs: 'A name in `_posts/` (or another checked folder) is not a regular file: a named pipe, a device, a socket, or a symbolic link to one (`/dev/zero`). Reading it could block forever or never end, so Newsdesk does not open it, and it is not a post Jekyll can publish. Replace it with the real file or delete it.',
  check({ file, report }) {
    if (file.failure !== 'not-a-file') return;
    report({ range: { offset: 0, length: 0 }, message: `This is not a regular file (${file.detail ?? 'a special file'}), so it was not opened or checked, and Jekyll cannot publish it as a post. Replace it with the real file or delete it.` });
  },
});
