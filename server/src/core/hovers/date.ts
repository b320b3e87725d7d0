/** The hover on `date`: the instant Jekyll reads, in the site's zone and in UTC, and whether Jekyll publishes it now. */
import type { HoverContext, HoverResult } from '../hover';
import { formatRubyLocal, jekyllDate } from '../jekyll/jekyllDate';
import { processTimeZone } from '../jekyll/localTime';

const UNITS: Array<[number, string]> = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
];

/** `3 days`, `5 hours`, `less than a minute`: the largest unit, rounded down. */
export function duration(ms: number): string {
  for (const [size, unit] of UNITS) {
    const count = Math.floor(ms / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'}`;
  }
  return 'less than a minute';
}

function sitePath(context: HoverContext): string {
  const root = context.site.root?.replace(/\/$/, '');
  const path = context.post.file.path;
  return root !== undefined && path.startsWith(root + '/') ? path.slice(root.length + 1) : path.split('/').slice(-2).join('/');
}

export function dateHover(context: HoverContext): HoverResult | undefined {
  const { entry, site, now } = context;
  const zone = site.timezone ?? processTimeZone();
  const zoneSaid = site.timezone ? `the site's time zone (\`${site.timezone}\`)` : `this machine's time zone (\`${zone}\`; \`_config.yml\` sets no \`timezone:\`, so a build elsewhere may read it differently)`;
  const result = jekyllDate(entry.value, { now, timeZone: site.timezone, docPath: sitePath(context) });
  const range = entry.valueRange.length > 0 ? entry.valueRange : entry.keyRange;
  if (!result.ok) {
    const consequence = result.buildStops ? 'Jekyll stops the whole build with this error.' : 'Jekyll goes on building without this front matter.';
    return { range, contents: `**date**: Jekyll cannot read this date.\n\n${result.message}\n\n${consequence}` };
  }
  const lines = [
    `**date** as Jekyll reads it (\`Time.parse\`):`,
    '',
    `- In ${zoneSaid}: \`${result.localIso}\``,
    `- In UTC: \`${formatRubyLocal(result.epochMs, 'UTC').replace(/ \+0000$/, ' UTC')}\``,
  ];
  if (!result.hasZone) lines.push('', `The date carries no offset of its own: ${site.timezone ? "the site's zone" : "the build machine's zone"} applies.`);
  if (result.rolledOver) lines.push('', `This is not the date written (\`${result.rubyInput}\`): Ruby rolls it over to the next valid one.`);
  const ahead = result.epochMs - now.getTime();
  lines.push('');
  if (ahead <= 0) lines.push('**Published**: the date is past, so Jekyll publishes the post on the next build.');
  else if (site.future) lines.push(`**Published**: the date is ${duration(ahead)} ahead, but \`future: true\` in \`_config.yml\` publishes future posts now.`);
  else {
    lines.push(
      `**Not published yet**: the date is ${duration(ahead)} ahead. Jekyll skips future posts (\`future: false\`, its default) and only logs "has a future date"; the post appears with the first build after ${result.localIso}.`,
    );
  }
  return { range, contents: lines.join('\n') };
}
