import { defineRule } from '../../rule';

export default defineRule({
  id: 'front-matter/ruby-object',
  description: 'A value is a Ruby Symbol, which Jekyll\'s YAML loader refuses',
  defaultSeverity: 'error',
  docs: 'An unquoted value starting with a colon (`:expanded`) is a Ruby Symbol in YAML 1.1. Jekyll 4 loads front matter safely and refuses it (`Tried to load unspecified class: Symbol`), so the whole front matter is dropped. Quote the value.',
  check({ frontMatter, report }) {
    for (const entry of frontMatter?.entries ?? []) {
      const values = entry.items ? entry.items.map((item) => ({ value: item.value, range: item.range })) : [{ value: entry.value, range: entry.valueRange }];
      for (const { value, range } of values) {
        if (value.kind !== 'symbol') continue;
        const text = `${'"'}:${value.value}${'"'}`;
        report({
          range,
          message: `':${value.value}' is a Ruby Symbol in YAML. Jekyll refuses it ("Tried to load unspecified class: Symbol") and drops this post's whole front matter. Quote it: ${text}.`,
          fixes: [{ title: 'Quote the value', edits: [{ ...range, newText: text }], preferred: true }],
        });
      }
    }
  },
});
