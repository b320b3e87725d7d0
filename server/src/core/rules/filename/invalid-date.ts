import { daysInMonth } from '../../jekyll/psych';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'filename/invalid-date',
  description: 'The date in a post\'s file name is not a real date',
  defaultSeverity: 'error',
  docs: 'When the front matter has no `date:`, Jekyll takes the post\'s date from its file name. A name like `2024-13-45-x.md` then stops the whole build with `Invalid date \'2024-13-45\': Document \'…\' does not have a valid date in the filename.` A day that does not exist (`2024-02-30`) is silently moved to the next month. Rename the file with a real date.',
  check({ post, entry, report }) {
    const match = post.file.match;
    // Jekyll parses the file name date only when the front matter has no date (Document#modify_date).
    if (post.file.place !== 'posts' || !match || entry('date')) return;
    const [year, month, day] = match.date.split('-').map(Number);
    // Jekyll builds `Time.parse(date)`: a day up to 31 rolls over silently, a month over 12 or day over 31 fails.
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      if (day > daysInMonth(year, month)) {
        report({
          range: { offset: 0, length: 0 },
          message: `The file name date '${match.date}' does not exist: Jekyll silently rolls it over into the next month, so the post's URL and date are not the ones in the name. Rename the file with the real date.`,
        });
      }
      return;
    }
    report({
      range: { offset: 0, length: 0 },
      message: `Invalid date '${match.date}' in the file name: Jekyll stops the whole build ("does not have a valid date in the filename"). Rename the file with a real date (YYYY-MM-DD).`,
    });
  },
});
