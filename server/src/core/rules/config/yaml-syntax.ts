import { defineConfigRule } from '../../rule';

export default defineConfigRule({
  id: 'config/yaml-syntax',
  description: '`_config.yml` is not valid YAML',
  defaultSeverity: 'error',
  docs: 'Jekyll cannot read a `_config.yml` with a YAML syntax error and stops the build. Newsdesk falls back to its defaults until the file parses.',
});
