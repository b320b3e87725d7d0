import { defineRule } from '../../rule';
import { readDate, zoneName } from './evaluate';

export default defineRule({
  id: 'date/no-timezone',
  description: 'The date has a time of day but no time zone',
  defaultSeverity: 'info',
  docs: 'A date with a time but no offset is read in the site\'s `timezone:` or, without one, in the build machine\'s zone: the same post gets another instant (and sometimes another day, feed timestamp and order) on a laptop and on the build server. Unquoted, such a date is even read as UTC by YAML. Write the offset: `2024-01-15 09:30:00 +0800`. The quick fix writes the instant Jekyll uses now, with its offset.',
  check(context) {
    const reading = readDate(context);
    if (!reading || !reading.result.ok) return;
    const { entry, result } = reading;
    const value = entry.value;
    const unquotedNoZone = value.kind === 'time' && Number.isNaN(value.offsetSeconds);
    const hasTime = /\d:\d\d/.test(result.rubyInput);
    if (!unquotedNoZone && !result.zoneIgnored && (result.hasZone || !hasTime)) return;
    const written = value.kind === 'string' ? value.value : entry.source;
    const message = result.zoneIgnored
      ? `The time zone in '${written}' is not one Ruby reads (like +8, GMT+8 or 北京时间), so Jekyll ignores it and reads the time in ${zoneName(context)}, as ${result.localIso}. Write the offset as +HHMM, for example +0800.`
      : unquotedNoZone
      ? `The date '${written}' has no time zone and no quotes, so YAML reads it as UTC: Jekyll shows ${result.localIso} in ${zoneName(context)}, which is probably not the time you meant. Write the offset explicitly.`
      : `The date '${written}' has no time zone. Jekyll reads it in ${zoneName(context)}, so the post's time (${result.localIso}) depends on where the site is built. Write the offset explicitly.`;
    context.report({
      range: entry.valueRange,
      message,
      fixes: [{ title: `Write the date with its offset (${result.localIso})`, edits: [{ ...entry.valueRange, newText: result.localIso }], preferred: unquotedNoZone || context.site.timezone !== undefined }],
    });
  },
});
