import { defineRule } from '../../rule';
import { valueOrKey } from '../util';
import { readDate } from './evaluate';

export default defineRule({
  id: 'date/invalid',
  description: 'The date is not one Jekyll can parse: the build stops',
  defaultSeverity: 'error',
  docs: 'Jekyll reads `date` with Ruby\'s `Time.parse`. When that fails, the **whole build stops** with `Invalid date \'…\': Document \'…\' does not have a valid date in the YAML front matter.` Ruby does not read US dates (`06/14/2023` is read as day 6 of month 14) and refuses month 13, day 32, an empty `date:` and an empty list (`date: []`; a list holding a date builds, see `date/list`). Write the date as `YYYY-MM-DD HH:MM:SS +ZZZZ`.',
  check(context) {
    const reading = readDate(context);
    // A Ruby Symbol drops the whole front matter instead (front-matter/ruby-object reports it).
    if (!reading || reading.result.ok || !reading.result.buildStops) return;
    const written = reading.entry.value.kind === 'string' ? reading.entry.value.value : reading.entry.source;
    const value = reading.entry.value;
    const hint = value.kind === 'seq' || value.kind === 'map'
      ? ` The date is a YAML ${value.kind === 'seq' ? 'list' : 'mapping'}: Jekyll parses Ruby's text of it, '${reading.result.rubyInput}', which holds no date.`
      : /^\s*\d{1,2}\/\d{1,2}\/\d{2,4}/.test(written)
      ? ' Ruby reads slashed dates as day/month/year, never as the US month/day/year.'
      : /[年月日]/.test(written)
        ? ' Ruby does not read Chinese or Japanese date characters.'
        : '';
    context.report({
      range: valueOrKey(reading.entry),
      message: `${reading.result.message} Jekyll stops the whole build on this post.${hint} Write the date as YYYY-MM-DD HH:MM:SS +ZZZZ, for example 2024-01-15 09:30:00 +0800.`,
    });
  },
});
