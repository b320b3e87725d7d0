import { defineRule } from '../../rule';

export default defineRule({
  id: 'comments/not-boolean',
  description: '`comments` is not a boolean',
  defaultSeverity: 'warning',
  docs: 'Themes test `{% if page.comments %}`: any non-empty text, even `"false"` or `"no"`, turns comments **on**. Write `comments: true` or `comments: false` without quotes. (`True`, `yes` and `on` unquoted are booleans in Jekyll\'s YAML 1.1.)',
  check({ entry, report }) {
    const comments = entry('comments');
    if (!comments || comments.value.kind === 'bool' || comments.value.kind === 'null') return;
    const text = comments.value.kind === 'string' ? comments.value.value.trim().toLowerCase() : comments.source.trim();
    const meant = /^(false|no|off|0)$/.test(text) ? 'false' : /^(true|yes|on|1)$/.test(text) ? 'true' : undefined;
    report({
      range: comments.valueRange,
      message: `comments is ${comments.value.kind === 'string' ? `the text "${comments.value.kind === 'string' ? comments.value.value : ''}"` : `'${comments.source}'`}, not a boolean; themes treat any non-empty value as true, so comments are ${meant === 'false' ? 'shown although you meant to hide them' : 'on'}. Write comments: true or comments: false without quotes.`,
      fixes: meant ? [{ title: `Write comments: ${meant}`, edits: [{ ...comments.valueRange, newText: meant }], preferred: true, expect: { comments: { value: meant === 'true' } } }] : [],
    });
  },
});
