import { defineRule } from '../../rule';

export default defineRule({
  id: 'front-matter/yaml-syntax',
  description: 'The front matter is not valid YAML',
  defaultSeverity: 'error',
  docs: 'Jekyll reads front matter with Ruby\'s YAML parser. On a syntax error it logs `YAML Exception reading <file>` and builds the post **without any of its fields**: no title, no date from the front matter, no layout (with `strict_front_matter: true` the whole build stops). Quoted values that span lines are accepted, as libyaml accepts them (see `front-matter/quoted-line-break`).',
  check({ frontMatter, report }) {
    for (const error of frontMatter?.syntaxErrors ?? []) {
      if (error.limit) {
        report({ range: error.range, message: `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.` });
        continue;
      }
      report({
        range: error.range,
        message: `YAML syntax error: ${error.message}${/compact mapping|Implicit map keys|Nested mappings/i.test(error.message) ? ' (a value containing ": " must be quoted)' : ''}. Jekyll logs "YAML Exception" and builds this post without any of its front matter (no title, date or layout). Fix the YAML at this position.`,
      });
    }
  },
});
