import { defineRule } from '../../rule';
import { didYouMean } from '../../text/didYouMean';

export default defineRule({
  id: 'author/unknown',
  description: 'The author is not in the site\'s list of authors',
  defaultSeverity: 'warning',
  docs: 'When the site lists its authors (`_data/authors.yml`, or `newsdesk: authors:` in `_config.yml`), a byline that is not on the list is usually a misspelling: the author page and feeds split one outlet into two. Use the name as listed, or add the new author to the list.',
  check({ site, entry, report }) {
    const authorEntry = entry('author');
    if (!site.authors || !authorEntry) return;
    const known = [...site.authors];
    const values = authorEntry.items ?? (authorEntry.value.kind === 'string' ? [{ text: authorEntry.value.value, range: authorEntry.valueRange }] : []);
    for (const { text, range } of values) {
      const name = text.trim();
      if (!name || site.authors.has(name)) continue;
      const guess = didYouMean(name, known);
      report({
        range,
        message: `'${name}' is not in the site's author list, so the post is filed under an author the site does not know${guess ? ` (did you mean '${guess}'?)` : ''}. Use a listed name, or add '${name}' to ${site.settings.authors ? 'newsdesk.authors in _config.yml' : '_data/authors.yml'}.`,
        fixes: guess ? [{ title: `Change the author to '${guess}'`, edits: [{ ...range, newText: guess }] }] : [],
      });
    }
  },
});
