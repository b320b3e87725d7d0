import { defineRule } from '../../rule';

export default defineRule({
  id: 'published/string',
  description: '`published` is text instead of a boolean',
  defaultSeverity: 'warning',
  docs: 'Only the boolean `false` (or an empty value) keeps a post off the site. The **text** `"false"` (quoted) is not false to Jekyll, so a post meant to be hidden is published. Write `published: false` or `published: true` without quotes.',
  check({ entry, report }) {
    const published = entry('published');
    if (!published) return;
    if (published.value.kind === 'int' || published.value.kind === 'float') {
      const meantFalse = published.value.value === 0;
      report({
        range: published.valueRange,
        message: `published is the number ${published.source.trim()}, which Jekyll treats as true (only false and an empty value hide a post): the post is published. Write published: ${meantFalse ? 'false' : 'true'}.`,
        fixes: [{ title: `Write published: ${meantFalse ? 'false' : 'true'}`, edits: [{ ...published.valueRange, newText: meantFalse ? 'false' : 'true' }], preferred: true, expect: { published: { value: !meantFalse } } }],
      });
      return;
    }
    if (published.value.kind !== 'string') return;
    const text = published.value.value.trim().toLowerCase();
    const meant = /^(false|no|off|0)$/.test(text) ? 'false' : /^(true|yes|on|1)$/.test(text) ? 'true' : undefined;
    report({
      range: published.valueRange,
      message: meant === 'false'
        ? `published is the text "${published.value.value}", not the boolean false, so Jekyll PUBLISHES this post. Write published: false without quotes to hide it.`
        : `published is the text "${published.value.value}", which Jekyll treats as true: the post is published. Write published: true or published: false without quotes.`,
      fixes: meant ? [{ title: `Write published: ${meant}`, edits: [{ ...published.valueRange, newText: meant }], preferred: true, expect: { published: { value: meant === 'true' } } }] : [],
    });
  },
});
