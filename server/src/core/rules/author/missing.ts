import { defineRule } from '../../rule';
import { frontMatterStart, isBlank, valueOrKey } from '../util';

export default defineRule({
  id: 'author/missing',
  description: 'The author is missing or empty',
  defaultSeverity: 'warning',
  docs: 'A news post needs a byline: the outlet or the writer. An empty `author:` publishes the article without one, and feeds and the author pages of the site leave it out.',
  check(context) {
    const { frontMatter, site, report } = context;
    if (!frontMatter?.closeRange || frontMatter.syntaxErrors.length || frontMatter.notAMapping) return;
    const entry = context.entry('author');
    if (!entry) {
      // front-matter/required already reports a missing required key.
      if (site.settings.required.includes('author')) return;
      report({ range: frontMatterStart(context), message: 'This post has no author, so it is published without a byline. Add an `author:` line with the outlet or the writer.' });
      return;
    }
    const names = entry.items ? entry.items.map((i) => i.text) : [entry.value.kind === 'string' ? entry.value.value : ''];
    if (!isBlank(entry.value) && names.some((n) => n.trim())) return;
    report({ range: valueOrKey(entry), message: 'The author is empty, so the post is published without a byline. Write the outlet or the writer after `author:`.' });
  },
});
