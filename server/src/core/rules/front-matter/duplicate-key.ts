import { defineRule } from '../../rule';

export default defineRule({
  id: 'front-matter/duplicate-key',
  description: 'A front-matter key is given more than once',
  defaultSeverity: 'warning',
  docs: 'When a key appears twice, Jekyll silently keeps the **last** value and ignores the others, so an edit to the first one never shows on the site. The quick fix removes the ignored line.',
  check({ frontMatter, post, report }) {
    const entries = frontMatter?.entries ?? [];
    for (const entry of entries) {
      const winner = frontMatter?.get(entry.key);
      if (!winner || winner === entry) continue;
      const line = post.lines.positionAt(winner.keyRange.offset).line + 1;
      report({
        range: entry.keyRange,
        message: `'${entry.key}' is given more than once. Jekyll keeps only the last one (line ${line}) and ignores this value. Remove one of them.`,
        // The value Jekyll uses must stay what it is.
        fixes: [{ title: `Remove this ignored '${entry.key}' line`, edits: [{ ...entry.pairRange, newText: '' }], preferred: true, expect: { [entry.key]: { value: frontMatter?.data[entry.key] } } }],
      });
    }
  },
});
