import { defineRule } from '../../rule';
import { frontMatterStart, isTruthy } from '../util';

const SINGULAR_OF: Record<string, string> = { tags: 'tag', categories: 'category' };

const CONSEQUENCE: Record<string, string> = {
  title: 'Jekyll makes a title from the file name instead',
  date: 'Jekyll takes the date from the file name, at midnight in the build machine\'s time zone',
  author: 'the article is published without a byline',
  from: 'readers cannot reach the original story',
  tags: 'the post appears under no tag',
  categories: 'the post appears in no category',
  layout: 'Jekyll renders the post without the site\'s post layout unless a default is configured',
};

export default defineRule({
  id: 'front-matter/required',
  description: 'A required front-matter key is missing',
  defaultSeverity: 'warning',
  docs: 'The keys every post must have are set in `_config.yml` under `newsdesk: required:` (default: `title`, `date`, `author`, `from`, `tags`). A missing key publishes the post without that information.',
  check(context) {
    const { frontMatter, site, report } = context;
    if (!frontMatter?.closeRange || frontMatter.syntaxErrors.length || frontMatter.notAMapping) return;
    for (const key of site.settings.required) {
      if (frontMatter.get(key)) continue;
      // Jekyll fills page.tags / page.categories from the singular key too.
      const singular = SINGULAR_OF[key];
      if (singular && isTruthy(frontMatter.get(singular))) continue;
      const consequence = CONSEQUENCE[key] ?? 'templates that use it get nothing';
      report({
        range: frontMatterStart(context),
        message: `The required key '${key}' is missing: ${consequence}. Add ${/^[aeiou]/i.test(key) ? 'an' : 'a'} '${key}:' line to the front matter.`,
      });
    }
  },
});
