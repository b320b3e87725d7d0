import { defineRule } from '../../rule';

export default defineRule({
  id: 'from/whitespace',
  description: 'The source URL has whitespace inside',
  defaultSeverity: 'warning',
  docs: 'A space inside a URL is not valid: browsers and feed readers cut the link at the space or encode it differently, so the source link may lead nowhere. The quick fix encodes inner spaces as `%20` and removes leading and trailing ones.',
  check({ entry, report }) {
    const from = entry('from');
    // A value of only spaces is an empty source: from/invalid-url reports it.
    if (!from || from.value.kind !== 'string' || !/\s/.test(from.value.value) || !from.value.value.trim()) return;
    const fixed = from.value.value.trim().replace(/\s/g, (c) => encodeURIComponent(c));
    const quoted = from.quoted ? JSON.stringify(fixed) : fixed;
    report({
      range: from.valueRange,
      message: 'The source URL contains whitespace, which is not allowed in a URL: the link on the published article may be cut at the space and lead nowhere. Encode inner spaces as %20 and remove leading or trailing ones.',
      fixes: [{ title: 'Encode the whitespace in the URL', edits: [{ ...from.valueRange, newText: quoted }], preferred: true }],
    });
  },
});
