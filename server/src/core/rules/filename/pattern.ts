import { defineRule } from '../../rule';

export default defineRule({
  id: 'filename/pattern',
  description: 'A file in `_posts` does not match Jekyll\'s `YYYY-MM-DD-title.ext` name pattern',
  defaultSeverity: 'error',
  docs: 'Jekyll reads a file in `_posts/` as a post only when its name matches `YYYY-MM-DD-title.ext`. Any other file is skipped **without a word**: the post never appears. `2024-01-15.md` (no title) and `2024-01-15-hello` (no extension) do not match. Rename the file.',
  check({ post, entry, report }) {
    if (post.file.place !== 'posts' || post.file.match) return;
    // Keep what the file name already says; fill in the rest from the front matter.
    const ownName = post.file.name.replace(/\.[^.]*$/, '').replace(/^\d{4}-\d{1,2}-\d{1,2}-?/, '');
    const title = entry('title')?.value;
    const slug = (ownName || (title?.kind === 'string' ? title.value : ''))
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'title';
    const frontMatterDate = entry('date')?.source.match(/\d{4}-\d{2}-\d{2}/)?.[0];
    const date = /^\d{4}-\d{1,2}-\d{1,2}/.exec(post.file.name)?.[0] ?? frontMatterDate ?? 'YYYY-MM-DD';
    const ext = /\.[^.]+$/.exec(post.file.name)?.[0] ?? '.md';
    report({
      range: { offset: 0, length: 0 },
      message: `The file name '${post.file.name}' does not match Jekyll's post pattern YYYY-MM-DD-title.ext, so Jekyll skips this file without any message and the post never appears. Rename it, for example to '${date}-${slug}${ext}'.`,
    });
  },
});
