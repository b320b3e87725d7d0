import { defineConfigRule } from '../../rule';

export default defineConfigRule({
  id: 'config/ruby-object',
  description: '`_config.yml` has a Ruby Symbol that Jekyll 4 refuses',
  defaultSeverity: 'error',
  docs: 'Configs carried over from older Jekyll versions often have `style: :expanded` under `sass:`. `:expanded` is a Ruby Symbol in YAML; Jekyll 4 loads `_config.yml` safely and stops the build with `Tried to load unspecified class: Symbol (Psych::DisallowedClass)`. Write `style: expanded`.',
});
