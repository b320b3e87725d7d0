import { defineRule } from '../../rule';

export default defineRule({
  id: 'front-matter/unclosed',
  description: 'The front matter is opened but never closed',
  defaultSeverity: 'error',
  docs: 'Jekyll finds front matter only between a `---` line at the top and a closing `---` (or `...`) line. When the closing line is missing, Jekyll reads no fields at all: the post has no title, date or layout, and the YAML is printed as part of the article. Add the closing `---` line after the last field.',
  check({ frontMatter, report }) {
    if (!frontMatter || frontMatter.closeRange) return;
    report({
      range: { offset: frontMatter.openRange.offset, length: 3 },
      message: 'The front matter is never closed: there is no `---` line after the fields. Jekyll then reads no fields at all (no title, date or layout) and prints the YAML as article text. Add a `---` line after the last field.',
    });
  },
});
