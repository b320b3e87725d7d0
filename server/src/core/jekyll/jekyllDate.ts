/**
 * What Jekyll makes of a post's front-matter `date:` (Document#merge_date!, Utils.parse_date):
 * `Time.parse(data["date"].to_s).localtime`, in the zone of the site's `timezone:` (Jekyll sets ENV['TZ'] from it).
 *
 * The value has been through Psych first, and `to_s` of what Psych made is what Time.parse sees: an unquoted
 * `2024-01-15 10:00:00` is a Psych Time read as UTC, so `to_s` gives `2024-01-15 18:00:00 +0800` in Shanghai, while
 * the same text quoted is a String read as local time; an unquoted `2024-02-30` is no valid Date, stays a String and
 * rolls over to March 1st; an empty `date:` is nil, whose `to_s` is "", which stops the build.
 */

import { rubyToS, type PsychValue } from './psych';
import { civilFromMs, processTimeZone, rubyTimeParse, utcOffsetAt, type FilledField } from './rubyTime';

export interface JekyllDateOptions {
  /** The build time (Time.now): fills what the date leaves out (`Jan 15` takes its year). */
  now: Date;
  /** The site's `timezone:` (IANA name); undefined means the build machine's zone. */
  timeZone?: string;
  /** The document's site-relative path, as Jekyll prints it (`_posts/2024-01-15-x.md`). */
  docPath?: string;
}

export type JekyllDateResult =
  | {
      ok: true;
      epochMs: number;
      /** The string Jekyll handed to Time.parse (`data["date"].to_s`). */
      rubyInput: string;
      /** The date Jekyll uses is not the one written (Feb 30 → Mar 1, 24:00 → next day, a DST gap). */
      rolledOver: boolean;
      /** Leading parts taken from the build time. */
      filledFromNow: FilledField[];
      /** The text carried a zone Ruby honours; otherwise the site's (or machine's) zone applied. */
      hasZone: boolean;
      /** The text carried a zone Ruby ignores (`+8`, `GMT+8`, `JST` outside Japan): read as local time instead. */
      zoneIgnored: boolean;
      /** `page.date` as `%Y-%m-%d %H:%M:%S %z` in the site's zone: `2024-01-15 18:00:00 +0800`. */
      localIso: string;
    }
  | {
      ok: false;
      rubyInput: string;
      /** Jekyll's message: `Invalid date '…': Document '…' does not have a valid date in the YAML front matter.` */
      message: string;
      /** Ruby's own exception, for the curious: `mon out of range`, `no time information in "x"`. */
      rubyError: string;
    };

/** Jekyll's Errors::InvalidDateError text for a front-matter date. */
export function invalidDateMessage(rubyInput: string, docPath: string): string {
  return `Invalid date '${rubyInput}': Document '${docPath}' does not have a valid date in the YAML front matter.`;
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** Ruby's strftime `%Y-%m-%d %H:%M:%S %z` of an instant in `timeZone` (`%z` drops the offset's seconds). */
export function formatRubyLocal(epochMs: number, timeZone: string): string {
  const offset = utcOffsetAt(epochMs, timeZone);
  const w = civilFromMs(epochMs + offset * 1000);
  const year = (w.year < 0 ? '-' : '') + pad(w.year, 4);
  const abs = Math.abs(offset);
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}${pad(Math.floor((abs % 3600) / 60))}`;
  return `${year}-${pad(w.mon)}-${pad(w.mday)} ${pad(w.hour)}:${pad(w.min)}:${pad(w.sec)} ${zone}`;
}

/** Jekyll's reading of a `date:` value. */
export function jekyllDate(value: PsychValue, opts: JekyllDateOptions): JekyllDateResult {
  const timeZone = opts.timeZone ?? processTimeZone();
  const docPath = opts.docPath ?? '_posts/post.md';
  const rubyInput = rubyToS(value, (epochMs) => utcOffsetAt(epochMs, timeZone));
  const parsed = rubyTimeParse(rubyInput, { now: opts.now, timeZone });
  if (!parsed.ok) return { ok: false, rubyInput, message: invalidDateMessage(rubyInput, docPath), rubyError: parsed.error };
  return {
    ok: true,
    epochMs: parsed.epochMs,
    rubyInput,
    rolledOver: parsed.rolledOver,
    filledFromNow: parsed.filledFromNow,
    hasZone: parsed.hasZone,
    zoneIgnored: parsed.zoneIgnored,
    localIso: formatRubyLocal(parsed.epochMs, timeZone),
  };
}
