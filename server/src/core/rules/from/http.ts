import { defineRule } from '../../rule';

export default defineRule({
  id: 'from/http',
  description: 'The source URL uses plain `http:`',
  defaultSeverity: 'info',
  docs: 'A plain `http:` source link is insecure; browsers mark it "Not secure" and many outlets have moved to `https:`. Check whether the original is served over `https:` and use that address. (No automatic fix: not every site serves https.)',
  check({ entry, report }) {
    const from = entry('from');
    if (!from || from.value.kind !== 'string' || !/^\s*http:\/\//i.test(from.value.value)) return;
    report({
      range: { offset: from.valueRange.offset + (from.quoted ? 1 : 0) + (from.value.value.length - from.value.value.trimStart().length), length: 5 },
      message: 'The source link uses plain http:, which browsers mark as not secure. If the outlet serves the story over https:, use that address.',
    });
  },
});
