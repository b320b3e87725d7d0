import { defineRule } from '../../rule';
import { readDate } from './evaluate';

export default defineRule({
  id: 'date/completed',
  description: 'The date lacks a year (or month) and Jekyll fills it in from the build time',
  defaultSeverity: 'warning',
  docs: 'Ruby\'s `Time.parse` fills a missing year, month or day from the moment of the build: `date: Jan 15` is January 15th of whatever year the site is built in, so the post moves every year and may become a future post that Jekyll skips. Write the full date. The quick fix writes the date Jekyll reads today.',
  check(context) {
    const reading = readDate(context);
    if (!reading || !reading.result.ok) return;
    const filled = reading.result.filledFromNow.filter((part: string) => part === 'year' || part === 'mon' || part === 'mday');
    if (filled.length === 0) return;
    const names = filled.map((part: string) => ({ year: 'year', mon: 'month', mday: 'day' })[part as 'year' | 'mon' | 'mday']);
    context.report({
      range: reading.entry.valueRange,
      message: `'${reading.result.rubyInput}' has no ${names.join(' or ')}: Jekyll takes it from the build time (a build now reads ${reading.result.localIso.slice(0, 10)}), so the post's date and URL change with the year it is built. Write the full date.`,
      fixes: [{ title: `Write the full date (${reading.result.localIso})`, edits: [{ ...reading.entry.valueRange, newText: reading.result.localIso }] }],
    });
  },
});
