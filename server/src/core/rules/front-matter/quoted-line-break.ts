import type { FrontMatterEntry } from '../../frontMatter';
import { defineRule } from '../../rule';
import { yamlQuote } from '../util';

export default defineRule({
  id: 'front-matter/quoted-line-break',
  description: 'A quoted value spans a raw line break',
  defaultSeverity: 'warning',
  docs: 'Feed mirrors sometimes write a raw line break inside a quoted title, with the rest of the value at the start of the next line. Jekyll (libyaml) accepts it and folds the break into a space or a newline, so the post builds, but the title gets a stray space or line break, and stricter YAML tools (and other editors) reject the file. The quick fix writes the same value on one line.',
  check({ frontMatter, post, report }) {
    // The first entry at each value offset, looked up once (not a scan of the entries for every span).
    const entryAt = new Map<number, FrontMatterEntry>();
    for (const e of frontMatter?.entries ?? []) if (!entryAt.has(e.valueRange.offset)) entryAt.set(e.valueRange.offset, e);
    for (const span of frontMatter?.quotedLineBreaks ?? []) {
      const entry = entryAt.get(span.range.offset);
      const value = entry?.value.kind === 'string' ? entry.value.value : undefined;
      const start = post.lines.positionAt(span.range.offset).line + 1;
      const end = post.lines.positionAt(span.range.offset + span.range.length).line + 1;
      report({
        range: span.range,
        message: `The quoted value of '${span.key}' runs over lines ${start}–${end}. Jekyll builds it but folds the line break into the ${span.key} (${JSON.stringify(value ?? '')}), and stricter YAML tools reject the file. Write the value on one line.`,
        fixes: value === undefined ? [] : [{ title: `Join '${span.key}' on one line`, edits: [{ ...span.range, newText: yamlQuote(value.trim()) }], preferred: true }],
      });
    }
  },
});
