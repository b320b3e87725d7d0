/**
 * A port of Ruby's `Time.parse(str, now)` (lib/time.rb, Ruby 3.1): `Date._parse` (see dateParse.ts) finds the
 * fields, `make_time` fills the missing leading ones from `now`, then `Time.local` (or `Time.utc` shifted by the zone
 * when time.rb knows the zone) builds the time, with Ruby's own range checks and roll-overs (Feb 30 is Mar 1, 24:00
 * is tomorrow, second 60 is the next minute; month 13, day 32 and hour 25 raise ArgumentError).
 *
 * Time zones are IANA names resolved with Intl.DateTimeFormat (localTime.ts), standing in for ENV['TZ'].
 */

import { dateParse, RubyError, type RubyDateHash } from './dateParse';
import { civilFromMs, daysFromCivil, floorDiv, isLeap, processTimeZone, utcOffsetAt, zoneAbbreviation } from './localTime';

export { dateParse, RubyError, type RubyDateHash } from './dateParse';
export { civilFromMs, processTimeZone, utcOffsetAt } from './localTime';

export type FilledField = 'year' | 'mon' | 'mday' | 'hour' | 'min' | 'sec';

export type RubyTimeResult =
  | {
      ok: true;
      /** The instant, in milliseconds since the epoch (sub-millisecond digits are dropped). */
      epochMs: number;
      hash: RubyDateHash;
      /** Leading fields the input did not give, taken from `now` (`Jan 15` takes the year). */
      filledFromNow: FilledField[];
      /** The time Ruby made is not the one written: Feb 30 became Mar 1, 24:00 the next day, a DST gap moved it. */
      rolledOver: boolean;
      /** The input named a zone that time.rb understands, so the site's time zone did not apply. */
      hasZone: boolean;
      /** The input named a zone time.rb does not know (`+8`, `JST` outside Japan, `GMT+8`): read as local time. */
      zoneIgnored: boolean;
    }
  | {
      ok: false;
      /** Ruby's exception message, e.g. `no time information in "x"` or `mon out of range`. */
      error: string;
      errorClass: 'ArgumentError' | 'RangeError';
    };

export interface RubyTimeOptions {
  now: Date;
  /** IANA zone name (Jekyll's `timezone:`); undefined means the process's zone. */
  timeZone?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// time.rb's month table

/** Ruby's Integer#divmod: floored quotient and a remainder with the divisor's sign. */
const divmod = (a: number, b: number): [number, number] => [Math.floor(a / b), a - Math.floor(a / b) * b];

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** time.rb's month_days: an Array lookup, so month 0 reads December (index -1) and month 13 gives nil. */
function monthDays(y: number, m: number): number | undefined {
  let i = m - 1;
  if (i < 0) i += 12;
  if (i < 0 || i > 11) return undefined;
  return i === 1 && isLeap(y) ? 29 : MONTH_DAYS[i];
}

// ---------------------------------------------------------------------------------------------------------------
// Ruby's Time.utc / Time.local argument checks (time.c: time_arg, obj2ubits, validate_vtm).

interface Fields {
  year: number;
  mon: number;
  /** nil (Time.utc reads 1) where apply_offset looked up the length of a month that does not exist. */
  mday: number | undefined;
  hour: number;
  min: number;
  sec: number;
}

/** obj2ubits: NUM2INT (RangeError beyond a C int), then the value must fit in `bits` unsigned bits. */
function ubits(v: number, bits: number): number {
  // Past a C long Ruby fails one step earlier, with other words. (Digits past 2**53 are not exact here.)
  if (Math.abs(v) >= 2 ** 63) throw new RubyError('RangeError', "bignum too big to convert into `long'");
  if (v > 2147483647) throw new RubyError('RangeError', `integer ${BigInt(v)} too big to convert to \`int'`);
  if (v < -2147483648) throw new RubyError('RangeError', `integer ${BigInt(v)} too small to convert to \`int'`);
  if (v < 0 || v >= 2 ** bits) throw new RubyError('ArgumentError', 'argument out of range');
  return v;
}

/** The checks and the month/day normalisation of time_arg; returns the seconds of the wall clock from the epoch. */
function timeArg(f: Fields): number {
  let mon = ubits(f.mon, 4);
  let mday = ubits(f.mday ?? 1, 5);
  if (mon === 2) {
    const last = isLeap(f.year) ? 29 : 28;
    if (mday > last) {
      mday -= last;
      mon++;
    }
  } else if ((mon === 4 || mon === 6 || mon === 9 || mon === 11) && mday === 31) {
    mon++;
    mday = 1;
  }
  const hour = ubits(f.hour, 5);
  const min = ubits(f.min, 6);
  const sec = ubits(f.sec, 6);
  if (mon < 1 || mon > 12) throw new RubyError('ArgumentError', 'mon out of range');
  if (mday < 1 || mday > 31) throw new RubyError('ArgumentError', 'mday out of range');
  if (hour > 24) throw new RubyError('ArgumentError', 'hour out of range');
  if (min > (hour === 24 ? 0 : 59)) throw new RubyError('ArgumentError', 'min out of range');
  if (sec > (hour === 24 ? 0 : 60)) throw new RubyError('ArgumentError', 'sec out of range');
  // Hour 24 and second 60 roll over by plain arithmetic, as timegm does.
  return daysFromCivil(f.year, mon, mday) * 86400 + hour * 3600 + min * 60 + sec;
}

/** Time.utc(...): seconds since the epoch. */
function timeUtc(f: Fields): number {
  return timeArg(f);
}

/**
 * Time.local(...) in `timeZone`. A wall-clock time that happens twice (autumn) is the later instant; one that does
 * not exist (spring gap) is read with the offset before the change, so 02:30 becomes 03:30, as Ruby does.
 */
function timeLocal(f: Fields, timeZone: string): number {
  const checked = timeArg(f);
  // Second 60 is second 59 plus one: 02:59:60 in a spring gap is 03:59:59 + 1 s, not 03:00.
  const leap = f.sec === 60 ? 1 : 0;
  const wall = checked - leap;
  const candidates = new Set<number>();
  for (const probe of [-86400, 0, 86400]) candidates.add(utcOffsetAt((wall + probe) * 1000, timeZone));
  let best: number | undefined;
  for (const offset of candidates) {
    const t = wall - offset;
    if (utcOffsetAt(t * 1000, timeZone) === offset && (best === undefined || t > best)) best = t;
  }
  if (best !== undefined) return best + leap;
  return wall - utcOffsetAt((wall - 86400) * 1000, timeZone) + leap;
}

// ---------------------------------------------------------------------------------------------------------------
// time.rb

/** Time::ZoneOffset: the only zone names Time.parse knows, besides the local zone's own abbreviation. */
const ZONE_OFFSET: Record<string, number> = {
  UTC: 0, Z: 0, UT: 0, GMT: 0, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, I: 9, K: 10, L: 11, M: 12,
  N: -1, O: -2, P: -3, Q: -4, R: -5, S: -6, T: -7, U: -8, V: -9, W: -10, X: -11, Y: -12,
};

/** Time.zone_offset(zone, year): seconds east of UTC, or undefined (nil) when time.rb cannot read the zone. */
export function zoneOffset(zone: string, year: number, timeZone: string): number | undefined {
  const z = zone.toUpperCase();
  const m = /^([+-])(\d\d)(:?)(\d\d)(?:\3(\d\d))?$/.exec(z);
  if (m) return (m[1] === '-' ? -1 : 1) * ((Number(m[2]) * 60 + Number(m[4])) * 60 + Number(m[5] ?? 0));
  if (/^[+-]\d\d$/.test(z)) return Number(z) * 3600;
  if (Object.prototype.hasOwnProperty.call(ZONE_OFFSET, z)) return ZONE_OFFSET[z] * 3600;
  // Finally the local zone's abbreviation in January, then in July, of that year.
  for (const mon of [1, 7]) {
    try {
      const t = timeLocal({ year, mon, mday: 1, hour: 0, min: 0, sec: 0 }, timeZone);
      if (zoneAbbreviation(t * 1000, timeZone)?.toUpperCase() === z) return utcOffsetAt(t * 1000, timeZone);
    } catch {
      // `rescue false`
    }
  }
  return undefined;
}

/** time.rb's apply_offset: moves wall-clock fields by -off, carrying into the day only as far as one month. */
function applyOffset(f: Fields, offset: number): Fields {
  let { year, mon, mday: day, hour, min, sec } = f;
  let off = offset;
  // `day` is never nil on the way in (make_time fills it); only the month-length lookup below can make it so.
  if (day === undefined) return f;
  let o: number;
  if (off < 0) {
    off = -off;
    [off, o] = divmod(off, 60);
    if (o !== 0) {
      sec += o;
      [o, sec] = divmod(sec, 60);
      off += o;
    }
    [off, o] = divmod(off, 60);
    if (o !== 0) {
      min += o;
      [o, min] = divmod(min, 60);
      off += o;
    }
    [off, o] = divmod(off, 24);
    if (o !== 0) {
      hour += o;
      [o, hour] = divmod(hour, 24);
      off += o;
    }
    if (off !== 0) {
      day += off;
      const days = monthDays(year, mon);
      if (days !== undefined && days < day) {
        mon += 1;
        if (12 < mon) {
          mon = 1;
          year += 1;
        }
        day = 1;
      }
    }
  } else if (0 < off) {
    [off, o] = divmod(off, 60);
    if (o !== 0) {
      sec -= o;
      [o, sec] = divmod(sec, 60);
      off -= o;
    }
    [off, o] = divmod(off, 60);
    if (o !== 0) {
      min -= o;
      [o, min] = divmod(min, 60);
      off -= o;
    }
    [off, o] = divmod(off, 24);
    if (o !== 0) {
      hour -= o;
      [o, hour] = divmod(hour, 24);
      off -= o;
    }
    if (off !== 0) {
      day -= off;
      if (day < 1) {
        mon -= 1;
        if (mon < 1) {
          year -= 1;
          mon = 12;
        }
        day = monthDays(year, mon);
      }
    }
  }
  return { year, mon, mday: day, hour, min, sec };
}

interface Made {
  /** Seconds since the epoch. */
  epoch: number;
  /** Milliseconds of the fraction of a second. */
  ms: number;
  /** The offset of the frame the fields were given in (the zone's, or the local one at the result). */
  frameOffset: number;
  fields: Fields;
  filled: FilledField[];
  hasZone: boolean;
  zoneIgnored: boolean;
}

interface Parts {
  year?: number;
  yday?: number;
  mon?: number;
  mday?: number;
  hour?: number;
  min?: number;
  sec?: number;
  secFractionDigits?: string;
  zone?: string;
}

/** validate_utc_offset: a fixed offset must be less than a day either way. */
function checkUtcOffset(off: number): void {
  if (off <= -86400 || off >= 86400) throw new RubyError('ArgumentError', 'utc_offset out of range');
}

/** time.rb's make_time. */
function makeTime(date: string, p: Parts, now: Date, timeZone: string): Made {
  const { yday, secFractionDigits: fraction, zone } = p;
  if (
    p.year === undefined &&
    yday === undefined &&
    p.mon === undefined &&
    p.mday === undefined &&
    p.hour === undefined &&
    p.min === undefined &&
    p.sec === undefined &&
    fraction === undefined
  ) {
    throw new RubyError('ArgumentError', `no time information in ${rubyInspect(date)}`);
  }

  const nowMs = now.getTime();
  const offYear = p.year ?? civilFromMs(nowMs + utcOffsetAt(nowMs, timeZone) * 1000).year;
  let off = zone !== undefined ? zoneOffset(zone, offYear, timeZone) : undefined;

  if (yday !== undefined) {
    if (!(yday >= 1 && yday <= 366)) throw new RubyError('ArgumentError', `yday ${yday} out of range`);
    let mon = floorDiv(yday - 1, 31) + 1;
    let mday = ((yday - 1) % 31) + 1;
    const t = makeTime(date, { ...p, yday: undefined, mon, mday }, now, timeZone);
    const diff = yday - civilFromMs((t.epoch + t.frameOffset) * 1000).yday;
    if (diff === 0) return t;
    mday += diff;
    const last = monthDays(offYear, mon);
    if (mday > 28 && last !== undefined && mday > last) {
      if ((mon += 1) > 12) throw new RubyError('ArgumentError', `yday ${yday} out of range`);
      mday -= last;
    }
    return makeTime(date, { ...p, yday: undefined, mon, mday }, now, timeZone);
  }

  // `now` as seen in the zone of the input (or the local zone): the filled fields come from its wall clock.
  // Time#getlocal(off) refuses an offset of a day or more, even when nothing is taken from `now`.
  if (off !== undefined && utcOffsetAt(nowMs, timeZone) !== off) checkUtcOffset(off);
  const nowWall = civilFromMs(nowMs + (off ?? utcOffsetAt(nowMs, timeZone)) * 1000);
  let ms = fraction !== undefined ? Number((fraction + '000').slice(0, 3)) : undefined;
  let { year, mon, mday, hour, min, sec } = p;
  const filled: FilledField[] = [];
  // `break if year; year = now.year; break if mon; ...`: only the fields before the first one given.
  if (year === undefined) {
    year = nowWall.year;
    filled.push('year');
    if (mon === undefined) {
      mon = nowWall.mon;
      filled.push('mon');
      if (mday === undefined) {
        mday = nowWall.mday;
        filled.push('mday');
        if (hour === undefined) {
          hour = nowWall.hour;
          filled.push('hour');
          if (min === undefined) {
            min = nowWall.min;
            filled.push('min');
            if (sec === undefined) {
              sec = nowWall.sec;
              filled.push('sec');
              if (fraction === undefined) ms = ((nowMs % 1000) + 1000) % 1000;
            }
          }
        }
      }
    }
  }
  const fields: Fields = { year, mon: mon ?? 1, mday: mday ?? 1, hour: hour ?? 0, min: min ?? 0, sec: sec ?? 0 };
  if (year !== offYear) off = zone !== undefined ? zoneOffset(zone, year, timeZone) : undefined;

  if (off !== undefined) {
    const epoch = timeUtc(applyOffset(fields, off));
    // force_zone!: unless the zone means UTC, the Time takes the local zone, or the fixed offset when the local zone
    // differs there, and Time#localtime(offset) refuses a day or more.
    const utcZone = /^(?:-00:00|-0000|-00|UTC|Z|UT)$/i.test(zone ?? '');
    if (!utcZone && utcOffsetAt(epoch * 1000, timeZone) !== off) checkUtcOffset(off);
    return { epoch, ms: ms ?? 0, frameOffset: off, fields, filled, hasZone: true, zoneIgnored: false };
  }
  const epoch = timeLocal(fields, timeZone);
  return {
    epoch,
    ms: ms ?? 0,
    frameOffset: utcOffsetAt(epoch * 1000, timeZone),
    fields,
    filled,
    hasZone: false,
    zoneIgnored: zone !== undefined,
  };
}

/** String#inspect for the error message: quotes, backslash escapes, non-printing characters as \x / \u. */
export function rubyInspect(s: string): string {
  let out = '"';
  const chars = [...s];
  for (const [i, ch] of chars.entries()) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    // `#{`, `#$` and `#@` would interpolate: inspect escapes the `#`.
    else if (ch === '#' && '{$@'.includes(chars[i + 1] ?? 'x')) out += '\\#';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\x1b') out += '\\e';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).toUpperCase().padStart(2, '0');
    else if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/u.test(ch) || (cp >= 0x80 && cp < 0xa0)) {
      out += cp > 0xffff ? `\\u{${cp.toString(16).toUpperCase()}}` : '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/** `Time.parse(input, now)` in `timeZone` (Ruby with ENV['TZ'] set to it). */
export function rubyTimeParse(input: string, opts: RubyTimeOptions): RubyTimeResult {
  const timeZone = opts.timeZone ?? processTimeZone();
  try {
    const hash = dateParse(input);
    const made = makeTime(input, hash, opts.now, timeZone);
    const wall = civilFromMs((made.epoch + made.frameOffset) * 1000);
    const f = made.fields;
    const rolledOver =
      wall.year !== f.year || wall.mon !== f.mon || wall.mday !== f.mday || wall.hour !== f.hour || wall.min !== f.min || wall.sec !== f.sec;
    return {
      ok: true,
      epochMs: made.epoch * 1000 + made.ms,
      hash,
      filledFromNow: made.filled,
      rolledOver,
      hasZone: made.hasZone,
      zoneIgnored: made.zoneIgnored,
    };
  } catch (e) {
    if (e instanceof RubyError) return { ok: false, error: e.message, errorClass: e.rubyClass };
    throw e;
  }
}
