import { defineRule } from '../../rule';
import { yamlQuote } from '../util';

export default defineRule({
  id: 'title/whitespace',
  description: 'The title has leading or trailing spaces',
  defaultSeverity: 'warning',
  docs: 'Spaces (or line breaks) at the start or end of a title are kept by Jekyll and show up in the browser tab, in feed entries and in share links, and they make two copies of the same headline compare different. The quick fix trims them.',
  check({ entry, report }) {
    const title = entry('title');
    if (!title || title.value.kind !== 'string') return;
    const text = title.value.value;
    const trimmed = text.trim();
    if (!trimmed || trimmed === text) return;
    report({
      range: title.valueRange,
      message: 'The title starts or ends with spaces, which Jekyll keeps: they show in the browser tab, feeds and share links. Remove them.',
      fixes: [{ title: 'Trim the title', edits: [{ ...title.valueRange, newText: yamlQuote(trimmed) }], preferred: true, expect: { title: { value: trimmed } } }],
    });
  },
});
