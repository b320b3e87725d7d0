import { defineRule } from '../../rule';
import { readDate } from './evaluate';

export default defineRule({
  id: 'date/future',
  description: 'The date is in the future and Jekyll will skip the post',
  defaultSeverity: 'warning',
  docs: 'With `future: false` (Jekyll\'s default) a post dated after the build time is left out, with only `Skipping: … has a future date` in the log and exit code 0. It appears only when the site is rebuilt after that moment. Check the date (a wrong year or time zone is the usual cause), or set `future: true` in `_config.yml`.',
  check(context) {
    if (context.site.future) return;
    const reading = readDate(context);
    if (!reading || !reading.result.ok || reading.result.epochMs <= context.now.getTime()) return;
    context.report({
      range: reading.entry.valueRange,
      message: `The date ${reading.result.localIso} is in the future: Jekyll skips this post ("has a future date") and it stays off the site until a build after that moment. Check the date and its time zone, or set future: true in _config.yml.`,
    });
  },
});
