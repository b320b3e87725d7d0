import { defineRule } from '../../rule';
import { readDate, zoneName } from './evaluate';

export default defineRule({
  id: 'date/list',
  description: 'The date is a YAML list or mapping, which Jekyll reads only through Ruby\'s text of it',
  defaultSeverity: 'warning',
  docs: 'Jekyll parses `date.to_s`, and for a list that is Ruby\'s inspect text: `date: [2023-06-14]` becomes `[#<Date: 2023-06-14 ((2460110j,0s,0n),+0s,2299161j)>]`, in which `Time.parse` happens to find 2023-06-14, so the post builds on that day (Jekyll 4.3.1, checked). The date is right only by accident: in a list of two dates the first wins and the second is silently ignored, and other tools that read the front matter (feeds, importers, editors) see a list, not a date. An empty list (`date: []`) stops the build (`date/invalid`). Write the date itself; the quick fix writes the date Jekyll uses.',
  check(context) {
    const reading = readDate(context);
    if (!reading || !reading.result.ok) return;
    const { entry, result } = reading;
    const value = entry.value;
    if (value.kind !== 'seq' && value.kind !== 'map') return;
    const what = value.kind === 'seq' ? 'a YAML list' : 'a YAML mapping';
    const count = value.kind === 'seq' ? value.items.length : value.entries.length;
    const ignored = count > 1 ? ` It holds ${count} ${value.kind === 'seq' ? 'items' : 'entries'}; Jekyll takes the first date it finds and silently ignores the rest.` : '';
    context.report({
      range: entry.valueRange,
      message: `The date is ${what}, not a date: Jekyll parses Ruby's text of it ('${result.rubyInput}') and happens to find ${result.localIso} in ${zoneName(context)}, so the post and its URL get that date by accident.${ignored} Other tools reading the front matter see ${what}. Write the date itself, for example date: ${result.localIso}.`,
      fixes: [{ title: `Write the date Jekyll uses (${result.localIso})`, edits: [{ ...entry.valueRange, newText: result.localIso }], preferred: count === 1 }],
    });
  },
});
