import { defineRule } from '../../rule';

export default defineRule({
  id: 'front-matter/missing',
  description: 'A post file has no front matter',
  defaultSeverity: 'error',
  docs: 'Jekyll publishes a file in `_posts/` as a post only when it starts with a `---` line. Without front matter the file is copied as a static file and the article never appears on the site. The quick fix adds a front matter block with a title and date taken from the file name.',
  check({ post, frontMatter, report }) {
    if (frontMatter || post.file.place === 'other') return;
    const match = post.file.match;
    const title = match ? match.slug.replace(/[-_]+/g, ' ').trim() : '';
    const lines = ['---', 'layout: post', `title: ${JSON.stringify(title)}`];
    if (match) lines.push(`date: ${match.date}`);
    lines.push('---', '');
    const late = /^\s*\n---\s*\n/.test(post.text.replace(/^\ufeff/, ''));
    report({
      range: { offset: 0, length: 0 },
      message: late
        ? 'The front matter does not start on the first line: Jekyll only reads a `---` line at the very start of the file, so it copies this file as a static file and never publishes it as a post. Remove the blank lines before the first `---`.'
        : 'This file has no front matter, so Jekyll copies it as a static file and never publishes it as a post. Start the file with a `---` line, the fields (title, date, …), and a closing `---` line.',
      fixes: [{ title: 'Add front matter', edits: [{ offset: post.text.charCodeAt(0) === 0xfeff ? 1 : 0, length: 0, newText: lines.join('\n') }] }],
    });
  },
});
