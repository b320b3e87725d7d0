/**
 * Wall-clock arithmetic for any year (proleptic Gregorian, like Ruby's Time) and the offsets of IANA time zones
 * through Intl.DateTimeFormat, standing in for the C library's localtime() that Ruby uses with ENV['TZ'].
 */

export const floorDiv = (a: number, b: number): number => Math.floor(a / b);

export const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = floorDiv(yy, 400);
  const yoe = yy - era * 400;
  const doy = floorDiv(153 * (m + (m > 2 ? -3 : 9)) + 2, 5) + d - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Civil {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
  /** Day of the year, 1–366. */
  yday: number;
}

/** The wall-clock fields of `ms` milliseconds since the epoch, read as UTC. */
export function civilFromMs(ms: number): Civil {
  const secs = floorDiv(ms, 1000);
  const days = floorDiv(secs, 86400);
  const rem = secs - days * 86400;
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const mday = doy - floorDiv(153 * mp + 2, 5) + 1;
  const mon = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (mon <= 2 ? 1 : 0);
  return {
    year,
    mon,
    mday,
    hour: floorDiv(rem, 3600),
    min: floorDiv(rem % 3600, 60),
    sec: rem % 60,
    yday: days - daysFromCivil(year, 1, 1) + 1,
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const MIN_MS = -8.64e15;
const YEAR_2400_MS = 13569465600000;
const CYCLE_400_MS = 146097 * 86400000;

let cachedProcessZone: string | undefined;

/**
 * Values of TZ that Intl reads as UTC (V8 names them all `UTC`): with one of them the zone is known without the first
 * formatter, which loads the locale data (20-30 ms, a cold run's only use of it). test/jekyllDate.test.ts asks Intl.
 */
export const UTC_TZ_VALUES: readonly string[] = ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'UCT', 'Zulu'];

/** The zone of this process (TZ or the system's), read once: building a formatter is costly. */
export function processTimeZone(): string {
  cachedProcessZone ??= UTC_TZ_VALUES.includes(process.env.TZ ?? '') ? 'UTC' : new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return cachedProcessZone;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * An instant Intl can answer for. Far in the future only the zone's standing rule applies (the C library's POSIX TZ
 * footer), so whole 400-year cycles, which keep the calendar, are taken off; far in the past, local mean time.
 */
function foldInstant(ms: number): number {
  if (ms >= YEAR_2400_MS) return YEAR_2400_MS + ((ms - YEAR_2400_MS) % CYCLE_400_MS);
  return Math.max(ms, MIN_MS);
}

/** Seconds east of UTC in `timeZone` at an instant (to the second, so local mean time keeps its odd seconds). */
/** Offsets already computed: one date is converted several times per post, and formatToParts is costly. */
const offsetCache = new Map<string, number>();

export function utcOffsetAt(epochMs: number, timeZone: string): number {
  const key = `${timeZone}|${floorDiv(epochMs, 1000)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    if (offsetCache.size >= 4096) offsetCache.clear();
    offset = computeUtcOffset(epochMs, timeZone);
    offsetCache.set(key, offset);
  }
  return offset;
}

function computeUtcOffset(epochMs: number, timeZone: string): number {
  // UTC has no rules and no local mean time; asking Intl costs a formatter per run and a formatToParts per date.
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  const clamped = foldInstant(floorDiv(epochMs, 1000) * 1000);
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(clamped))) parts[p.type] = p.value;
  const eraYear = Number(parts.year);
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - eraYear : eraYear;
  const wall =
    daysFromCivil(year, Number(parts.month), Number(parts.day)) * 86400 +
    Number(parts.hour) * 3600 +
    Number(parts.minute) * 60 +
    Number(parts.second);
  return wall - clamped / 1000;
}

const abbreviationCache = new Map<string, string | undefined>();
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-NZ', 'en-ZA', 'en-IE', 'en-CA'];

/**
 * The zone's abbreviation at an instant (`CET`, `EST`), as close to the C library's as Intl allows: ICU names many
 * zones only `GMT+8` in every English locale, where tzdata says `CST`; then there is none to compare with.
 */
export function zoneAbbreviation(epochMs: number, timeZone: string): string | undefined {
  const key = `${timeZone}@${epochMs}`;
  if (abbreviationCache.has(key)) return abbreviationCache.get(key);
  let found: string | undefined;
  for (const locale of ABBREVIATION_LOCALES) {
    const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
      .formatToParts(new Date(foldInstant(epochMs)))
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name && /^[A-Z]{2,5}$/.test(name) && (name !== 'GMT' || utcOffsetAt(epochMs, timeZone) === 0)) {
      found = name;
      break;
    }
  }
  abbreviationCache.set(key, found);
  return found;
}
