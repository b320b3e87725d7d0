import { defineRule } from '../../rule';
import { readDate } from './evaluate';

export default defineRule({
  id: 'date/day-month-order',
  description: 'A slashed date that Ruby reads as day/month, which a US reader writes as month/day',
  defaultSeverity: 'warning',
  docs: 'Ruby\'s `Time.parse` reads `06/05/2023` as **6 May** 2023 (day/month/year). Feeds and US-style newsrooms write month/day, so the post silently gets a date a month or more away, and its URL with it (`06/14/2023` fails outright; see `date/invalid`). Write the date as `YYYY-MM-DD`.',
  check(context) {
    const reading = readDate(context);
    if (!reading || !reading.result.ok) return;
    const value = reading.entry.value;
    const written = value.kind === 'string' ? value.value : '';
    const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{2,4})\b/.exec(written);
    if (!match || Number(match[1]) > 12 || match[1] === match[2]) return;
    const read = reading.result.localIso.slice(0, 10);
    context.report({
      range: reading.entry.valueRange,
      message: `Ruby reads '${match[0].trim()}' as day/month/year, so Jekyll dates this post ${read}. If you meant the US order (month ${Number(match[1])}, day ${Number(match[2])}), the date is wrong. Write it as YYYY-MM-DD to make it unambiguous.`,
    });
  },
});
