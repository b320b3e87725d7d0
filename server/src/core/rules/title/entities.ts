import { defineRule } from '../../rule';
import { yamlQuote } from '../util';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'", hellip: '…', mdash: '—', ndash: '–', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', middot: '·' };
const ENTITY_RE = /&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi;

export function decodeEntities(text: string): string {
  return text.replace(ENTITY_RE, (all, name: string) => {
    if (/^#x/i.test(name)) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return NAMED[name.toLowerCase()] ?? all;
  });
}

export default defineRule({
  id: 'title/entities',
  description: 'The title contains HTML entities that show literally or are double-escaped',
  defaultSeverity: 'warning',
  docs: 'Feed mirrors copy titles with HTML entities (`&quot;`, `&#39;`, `&amp;amp;`). Themes escape the title when they print it (`{{ page.title | escape }}`, jekyll-feed, jekyll-seo-tag), so readers see `&quot;` instead of a quotation mark, and `&amp;amp;` is escaped twice. Write the characters themselves; the quick fix decodes them.',
  check({ entry, report }) {
    const title = entry('title');
    if (!title || title.value.kind !== 'string') return;
    const text = title.value.value;
    if (!ENTITY_RE.test(text)) return;
    ENTITY_RE.lastIndex = 0;
    let decoded = decodeEntities(text);
    const doubled = decoded !== text && ENTITY_RE.test(decoded);
    ENTITY_RE.lastIndex = 0;
    if (doubled) decoded = decodeEntities(decoded);
    if (decoded === text) return;
    const found = [...new Set(text.match(ENTITY_RE) ?? [])].slice(0, 3).join(' ');
    report({
      range: title.valueRange,
      message: doubled
        ? `The title is double-escaped (${found}): readers see the entity text, not the character. Write the characters themselves: ${yamlQuote(decoded)}.`
        : `The title contains HTML entities (${found}) that themes and feeds escape again, so readers see them literally. Write the characters themselves: ${yamlQuote(decoded)}.`,
      fixes: [{ title: 'Decode the HTML entities', edits: [{ ...title.valueRange, newText: yamlQuote(decoded) }], preferred: true, expect: { title: { value: decoded } } }],
    });
  },
});
