import { isMap, isScalar, isSeq } from 'yaml';
import { resolvePlainScalar } from '../../jekyll/psych';
import { defineConfigRule } from '../../rule';
import { nodeRange } from '../../site';

export default defineConfigRule({
  id: 'config/ruby-object',
  description: '`_config.yml` has a Ruby Symbol that Jekyll 4 refuses',
  defaultSeverity: 'error',
  docs: 'Configs carried over from older Jekyll versions often have `style: :expanded` under `sass:`. `:expanded` is a Ruby Symbol in YAML; Jekyll 4 loads `_config.yml` safely and stops the build with `Tried to load unspecified class: Symbol (Psych::DisallowedClass)`. Write `style: expanded`.',
  check({ config, report }) {
    if (config.doc.errors.length) return;
    // Iterative walk: a deeply nested config cannot exhaust the stack. Aliases are not followed (they point at nodes
    // already visited), so the walk is linear in the size of the file.
    const stack: unknown[] = [config.doc.contents];
    while (stack.length) {
      const node = stack.pop();
      if (isMap(node)) for (const pair of node.items) stack.push(pair.key, pair.value);
      else if (isSeq(node)) for (const item of node.items) stack.push(item);
      else if (isScalar(node) && node.type === 'PLAIN' && resolvePlainScalar(String(node.source ?? '')).kind === 'symbol') {
        report({
          range: nodeRange(node),
          message:
            `'${node.source}' is a Ruby Symbol in YAML. Jekyll 4 loads _config.yml safely and stops the build with ` +
            `"Tried to load unspecified class: Symbol". Write it without the colon (for example '${String(node.source).slice(1)}') or quote it.`,
        });
      }
    }
  },
});
