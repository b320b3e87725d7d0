import { defineRule } from '../../rule';
import { readDate, zoneName } from './evaluate';

export default defineRule({
  id: 'date/rolled-over',
  description: 'The date does not exist and Jekyll silently moves it to another day',
  defaultSeverity: 'warning',
  docs: 'Ruby\'s `Time.parse` accepts days up to 31 in any month and rolls them over without a word: `2024-02-30` becomes March 1st, and so does the post\'s URL. Correct the day.',
  check(context) {
    const reading = readDate(context);
    const value = reading?.entry.value;
    // An unquoted date-time is already moved on by YAML (Psych) before Jekyll reads it.
    const rolledByYaml = value?.kind === 'time' && value.rolledOver === true;
    if (!reading || !reading.result.ok || !(reading.result.rolledOver || rolledByYaml)) return;
    context.report({
      range: reading.entry.valueRange,
      message: `'${value?.kind === 'string' ? value.value : reading.entry.source}' is not a real date: Jekyll silently moves it to ${reading.result.localIso.slice(0, 10)} in ${zoneName(context)}, and the post's URL and date follow. Correct the day.`,
    });
  },
});
