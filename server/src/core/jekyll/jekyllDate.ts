/**
 * What Jekyll makes of a post's front-matter `date:` (Document#merge_date!, Utils.parse_date):
 * `Time.parse(data["date"].to_s).localtime`, in the zone of the site's `timezone:` (Jekyll sets ENV['TZ'] from it).
 *
 * The value has been through Psych first, and `to_s` of what Psych made is what Time.parse sees: an unquoted
 * `2024-01-15 10:00:00` is a Psych Time read as UTC, so `to_s` gives `2024-01-15 18:00:00 +0800` in Shanghai, while
 * the same text quoted is a String read as local time; an unquoted `2024-02-30` is no valid Date, stays a String and
 * rolls over to March 1st; an empty `date:` is nil, whose `to_s` is "", which stops the build. A list or mapping
 * becomes Ruby's inspect text: `[2023-06-14]` is `[#<Date: 2023-06-14 ((2460110j,0s,0n),+0s,2299161j)>]`, in which
 * Time.parse finds the first date (the post builds on 2023-06-14), while `[]` and `[nil]` stop the build.
 */

import { rubyToS, type PsychValue } from './psych';
import { civilFromMs, processTimeZone, utcOffsetAt } from './localTime';
import { rubyTimeParse, type FilledField } from './rubyTime';

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
      /**
       * Jekyll's message: `Invalid date '…': Document '…' does not have a valid date in the YAML front matter.`;
       * for the rare RangeError (`99999999999 pm`), Ruby's own message, which is what the failed build prints.
       */
      message: string;
      /** Ruby's own exception, for the curious: `mon out of range`, `no time information in "x"`. */
      rubyError: string;
      /** False where Jekyll goes on building (a Symbol drops the whole front matter instead). */
      buildStops: boolean;
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

/** A Ruby Symbol in the value, even inside a list or mapping: Psych's safe load refuses the whole front matter. */
function findSymbol(value: PsychValue): Extract<PsychValue, { kind: 'symbol' }> | undefined {
  if (value.kind === 'symbol') return value;
  if (value.kind === 'seq') return value.items.map(findSymbol).find(Boolean);
  if (value.kind === 'map') return value.entries.flat().map(findSymbol).find(Boolean);
  return undefined;
}

/** Jekyll's reading of a `date:` value. */
export function jekyllDate(value: PsychValue, opts: JekyllDateOptions): JekyllDateResult {
  const timeZone = opts.timeZone ?? processTimeZone();
  const docPath = opts.docPath ?? '_posts/post.md';
  const symbol = findSymbol(value);
  if (symbol) {
    // Jekyll's safe YAML load refuses the Symbol: the whole front matter is dropped (logged as "could not read
    // file"), the post is built without it and takes the file name date.
    const rubyError = 'Tried to load unspecified class: Symbol';
    return { ok: false, rubyInput: `:${symbol.value}`, message: `could not read file ${docPath}: ${rubyError}`, rubyError, buildStops: false };
  }
  const rubyInput = rubyToS(value, (epochMs) => utcOffsetAt(epochMs, timeZone));
  const parsed = rubyTimeParse(rubyInput, { now: opts.now, timeZone });
  if (!parsed.ok) {
    // Utils.parse_date rescues ArgumentError only; a RangeError escapes and fails the build with Ruby's words.
    const message = parsed.errorClass === 'RangeError' ? parsed.error : invalidDateMessage(rubyInput, docPath);
    return { ok: false, rubyInput, message, rubyError: parsed.error, buildStops: true };
  }
  // Document#merge_data! parses `data["date"].to_s` again whenever it merges anything, and read_post_data merges
  // the categories and then the tags: two more trips through Time#to_s, which drops the fraction of a second and
  // the seconds of the offset (local mean time before 1900 moves by them each time).
  let epochMs = parsed.epochMs;
  let localIso: string | undefined;
  for (let trip = 0; trip < 2; trip++) {
    const text = formatRubyLocal(epochMs, timeZone);
    const again = rubyTimeParse(text, { now: opts.now, timeZone });
    if (!again.ok) break;
    if (again.epochMs === epochMs) {
      // A trip that lands where it started reads the same text again: every later trip is this one.
      localIso = text;
      break;
    }
    epochMs = again.epochMs;
  }
  const rolledByYaml = value.kind === 'time' && value.rolledOver === true;
  return {
    ok: true,
    epochMs,
    rubyInput,
    rolledOver: parsed.rolledOver || rolledByYaml,
    filledFromNow: parsed.filledFromNow,
    hasZone: parsed.hasZone,
    zoneIgnored: parsed.zoneIgnored,
    localIso: localIso ?? formatRubyLocal(epochMs, timeZone),
  };
}
