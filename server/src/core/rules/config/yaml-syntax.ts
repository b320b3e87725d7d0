import { defineConfigRule } from '../../rule';

export default defineConfigRule({
  id: 'config/yaml-syntax',
  description: '`_config.yml` is not valid YAML',
  defaultSeverity: 'error',
  docs: 'Jekyll cannot read a `_config.yml` with a YAML syntax error and stops the build. Newsdesk falls back to its defaults until the file parses.',
  check({ config, report }) {
    for (const error of config.doc.errors) {
      report({
        range: { offset: error.pos[0], length: Math.max(1, error.pos[1] - error.pos[0]) },
        message: `${error.message.split('\n')[0]}. Jekyll cannot read _config.yml and stops the build; newsdesk uses its defaults until it parses.`,
      });
    }
  },
});
