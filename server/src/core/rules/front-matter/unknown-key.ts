import { defineRule } from '../../rule';
import { didYouMean } from '../../text/didYouMean';

/** Keys Jekyll, its common plugins and news themes read. Custom keys are fine; only near-misses of these are flagged. */
export const KNOWN_KEYS = [
  'title', 'date', 'author', 'authors', 'from', 'tags', 'categories', 'layout', 'published', 'comments', 'permalink',
  'excerpt', 'excerpt_separator', 'slug', 'description', 'image', 'lang', 'last_modified_at', 'redirect_from',
  'redirect_to', 'sitemap', 'render_with_liquid', 'summary', 'subtitle', 'keywords', 'source', 'tag', 'category',
];

export default defineRule({
  id: 'front-matter/unknown-key',
  description: 'A front-matter key looks like a misspelt known key',
  defaultSeverity: 'warning',
  docs: 'Jekyll accepts any key, so a misspelt one (`categorie`, `titel`, `auther`) is silently kept as a custom field while the real field stays empty: the post loses its categories, title or byline. Keys that are not close to a known key are left alone, since templates may read custom fields.',
  check({ frontMatter, report }) {
    for (const entry of frontMatter?.entries ?? []) {
      if (KNOWN_KEYS.includes(entry.key)) continue;
      const guess = didYouMean(entry.key.toLowerCase(), KNOWN_KEYS);
      if (!guess) continue;
      if (frontMatter?.get(guess)) continue;
      report({
        range: entry.keyRange,
        message: `Unknown key '${entry.key}': did you mean '${guess}'? Jekyll keeps '${entry.key}' as a custom field, so the post's ${guess} stays empty on the site. Rename the key.`,
        // The old key goes away and the known one takes its value (checked again before it is offered).
        fixes: [{ title: `Rename '${entry.key}' to '${guess}'`, edits: [{ ...entry.keyRange, newText: guess }], expect: { [entry.key]: { absent: true }, [guess]: { value: frontMatter?.data[entry.key] } } }],
      });
    }
  },
});
