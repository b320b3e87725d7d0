import { parseDocument } from 'yaml';
import { defineDataRule } from '../../rule';

export default defineDataRule({
  id: 'data/yaml-syntax',
  description: 'A `_data` file is not valid YAML',
  defaultSeverity: 'error',
  docs: 'Jekyll reads every YAML file in `_data/` when the site is built, whether a page uses it or not. A YAML syntax error in one of them stops the whole build with `(<file>): did not find expected key …`. Newsdesk reads such a file as empty (no authors from `_data/authors.yml`, for example) until it parses. Fix the YAML at the marked place.',
  check({ data, report }) {
    // The syntax only: aliases are not expanded here, so a file with many of them costs nothing.
    const doc = parseDocument(data.text, { version: '1.1', uniqueKeys: false, prettyErrors: false });
    for (const error of doc.errors) {
      report({
        range: { offset: error.pos[0], length: Math.max(1, error.pos[1] - error.pos[0]) },
        message: `${error.message.split('\n')[0]}. Jekyll reads every file in _data when it builds the site and stops the build on this error; fix the YAML here.`,
      });
    }
  },
});
