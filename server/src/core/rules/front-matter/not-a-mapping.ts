import { defineRule } from '../../rule';

export default defineRule({
  id: 'front-matter/not-a-mapping',
  description: 'The front matter is a list or a single value instead of `key: value` fields',
  defaultSeverity: 'error',
  docs: 'Front matter must be a set of `key: value` lines. A YAML list or a lone value gives Jekyll no fields: the post has no title, date or layout.',
  check({ frontMatter, report }) {
    const wrong = frontMatter?.notAMapping;
    if (!wrong) return;
    report({
      range: wrong.range,
      message: `The front matter is ${wrong.kind}, not \`key: value\` fields, so Jekyll reads no title, date or layout from it. Write each field as \`key: value\` on its own line.`,
    });
  },
});
