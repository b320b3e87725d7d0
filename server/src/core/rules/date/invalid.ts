import type { FrontMatterEntry } from '../../frontMatter';
import { jekyllDate } from '../../jekyll/jekyllDate';
import { daysInMonth, resolvePlainScalar, type PsychValue } from '../../jekyll/psych';
import { defineRule, type RuleContext } from '../../rule';
import { valueOrKey } from '../util';
import { documentPath, readDate } from './evaluate';

/**
 * A slashed date Ruby refuses only because it reads day/month (`06/14/2023 10:35` is day 6 of month 14) while the
 * month/day reading is a real date: that reading in ISO form, time and zone kept (`2023-06-14 10:35`), as the text to
 * write in place of the value, checked to be one Jekyll accepts. Undefined when there is no such single reading.
 */
function monthDayReading(entry: FrontMatterEntry, context: RuleContext): { iso: string; newText: string } | undefined {
  const value = entry.value;
  if (value.kind !== 'string') return undefined;
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?=$|[\sT])(.*)$/s.exec(value.value);
  if (!m) return undefined;
  const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Ruby took the first number as the day: it failed because the second is no month; as a day it must exist.
  if (month < 1 || month > 12 || day <= 12 || day > daysInMonth(year, month)) return undefined;
  const iso = `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}${m[4].replace(/^T/, ' ').trimEnd()}`;
  const quote = entry.quoted ? entry.source[0] : '';
  if (quote && (iso.includes(quote) || iso.includes('\\'))) return undefined;
  let written: PsychValue = quote ? { kind: 'string', value: iso } : resolvePlainScalar(iso);
  let newText = quote ? `${quote}${iso}${quote}` : iso;
  // Unquoted, `2023-06-14 10:35:00` would become a YAML timestamp read as UTC; quoted it stays local time, as written.
  if (written.kind === 'time' && Number.isNaN(written.offsetSeconds)) {
    written = { kind: 'string', value: iso };
    newText = `"${iso}"`;
  }
  if (written.kind !== 'string' && written.kind !== 'date' && written.kind !== 'time') return undefined;
  const result = jekyllDate(written, { now: context.now, timeZone: context.site.timezone, docPath: documentPath(context) });
  if (!result.ok || result.rolledOver) return undefined;
  return { iso, newText };
}

export default defineRule({
  id: 'date/invalid',
  description: 'The date is not one Jekyll can parse: the build stops',
  defaultSeverity: 'error',
  docs: 'Jekyll reads `date` with Ruby\'s `Time.parse`. When that fails, the **whole build stops** with `Invalid date \'…\': Document \'…\' does not have a valid date in the YAML front matter.` Ruby does not read US dates (`06/14/2023` is read as day 6 of month 14; when the month/day reading is the only real date, a quick fix, not preferred, writes it as `2023-06-14`, keeping the time and zone) and refuses month 13, day 32, an empty `date:` and an empty list (`date: []`; a list holding a date builds, see `date/list`). Write the date as `YYYY-MM-DD HH:MM:SS +ZZZZ`.',
  check(context) {
    const reading = readDate(context);
    // A Ruby Symbol drops the whole front matter instead (front-matter/ruby-object reports it).
    if (!reading || reading.result.ok || !reading.result.buildStops) return;
    const written = reading.entry.value.kind === 'string' ? reading.entry.value.value : reading.entry.source;
    const value = reading.entry.value;
    const usReading = monthDayReading(reading.entry, context);
    const hint = value.kind === 'seq' || value.kind === 'map'
      ? ` The date is a YAML ${value.kind === 'seq' ? 'list' : 'mapping'}: Jekyll parses Ruby's text of it, '${reading.result.rubyInput}', which holds no date.`
      : /^\s*\d{1,2}\/\d{1,2}\/\d{2,4}/.test(written)
      ? ` Ruby reads slashed dates as day/month/year, never as the US month/day/year${usReading ? `; read as month/day/year, the date is ${usReading.iso}, the only reading that is a real date` : ''}.`
      : /[年月日]/.test(written)
        ? ' Ruby does not read Chinese or Japanese date characters.'
        : '';
    context.report({
      range: valueOrKey(reading.entry),
      message: `${reading.result.message} Jekyll stops the whole build on this post.${hint} Write the date as YYYY-MM-DD HH:MM:SS +ZZZZ${usReading ? `; the quick fix writes ${usReading.iso}` : ', for example 2024-01-15 09:30:00 +0800'}.`,
      // Not preferred: the author may have meant another date altogether.
      fixes: usReading ? [{ title: `Write it as month/day/year: ${usReading.iso}`, edits: [{ ...reading.entry.valueRange, newText: usReading.newText }] }] : [],
    });
  },
});
