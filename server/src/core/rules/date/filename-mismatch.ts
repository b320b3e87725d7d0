import { defineRule } from '../../rule';
import { readDate, zoneName } from './evaluate';

export default defineRule({
  id: 'date/filename-mismatch',
  description: 'The file name date and the front-matter date fall on different days',
  defaultSeverity: 'info',
  docs: 'The front-matter date wins over the file name date, and Jekyll builds the URL from it in the site\'s time zone. A `Z` (UTC) time late in the evening is already the next day in Asia: the file says `2023-06-14` but the URL says `2023-06-15`. Set `timezone:` in `_config.yml`, or make the two dates agree.',
  check(context) {
    const match = context.post.file.match;
    if (!match || context.post.file.place !== 'posts') return;
    const reading = readDate(context);
    if (!reading || !reading.result.ok) return;
    const [y, m, d] = match.date.split('-').map(Number);
    const fileDay = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const postDay = reading.result.localIso.slice(0, 10);
    if (fileDay === postDay) return;
    context.report({
      range: reading.entry.valueRange,
      message: `The file name says ${fileDay}, but in ${zoneName(context)} the date is ${postDay}. Jekyll uses the front-matter date, so the post's URL and archive day are ${postDay}. Make them agree${context.site.timezone ? '' : ', or set timezone: in _config.yml'}.`,
    });
  },
});
