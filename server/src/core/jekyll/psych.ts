/**
 * How Ruby's Psych (libyaml, YAML 1.1) turns a plain scalar into a Ruby value, ported from
 * Psych::ScalarScanner#tokenize. Jekyll reads front matter with it, so `True` is a boolean, `y` is a string and an
 * unquoted `2023-06-14 10:35:19 +0800` is a Time.
 */

export type PsychValue =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  /** `text`: the exact decimal digits, when the integer is too large for a double to hold exactly. */
  | { kind: 'int'; value: number; text?: string }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  /** A Ruby Time: epoch milliseconds and the UTC offset Psych gave it (0 with `utc: true` for `Z`). */
  | { kind: 'time'; epochMs: number; offsetSeconds: number; utc: boolean; rolledOver?: boolean }
  /** A Ruby Date (calendar day, no zone). */
  | { kind: 'date'; year: number; month: number; day: number }
  /** A Ruby Symbol (`:name`): Jekyll's safe YAML loader refuses it. */
  | { kind: 'symbol'; value: string }
  /** A YAML list, with what Psych made of each item. */
  | { kind: 'seq'; items: PsychValue[] }
  /** A YAML mapping, with its keys and values in source order (a later duplicate key replaces an earlier one). */
  | { kind: 'map'; entries: Array<[PsychValue, PsychValue]> };

const TIME_RE = /^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$/;
const DATE_RE = /^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$/;
// Ruby's `[[:alpha:]]` is the Unicode Alphabetic property, its `\s` only ASCII white space.
const WORDLIKE_RE = /^[^\d.:-]?[\p{Alphabetic}_ \t\n\v\f\r!@#$%^&*(){}<>|/\\~;=]+/u;
const FLOAT_RE = /^(?:[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;
const INTEGER_RE = /^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$/;
const SEXAGESIMAL_INT_RE = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$/;
const SEXAGESIMAL_FLOAT_RE = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\.[0-9_]*$/;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Whether Ruby's `Date.strptime(s, '%Y-%m-%d')` takes the day. Date's default calendar is Date::ITALY: Julian before
 * 1582-10-15 (so 1500-02-29 exists), and the ten days dropped in October 1582 do not.
 */
function isRubyDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (y < 1582 || (y === 1582 && (m < 10 || (m === 10 && d < 5)))) {
    const julian = [31, y % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return d <= julian[m - 1];
  }
  if (y === 1582 && m === 10 && d < 15) return false;
  return d <= daysInMonth(y, m);
}

/** Ruby's Time.utc / Time.new accept a day up to 31 and roll it over; months, hours and minutes out of range raise. */
function rubyTimeUtcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  if (h === 24 && (mi > 0 || s > 0)) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

/**
 * `Time.new(y, mo, d, h, mi, s, offset)` as Ruby 3.1 computes it (time.c: vtm_add_offset, then timegmw), which is
 * not always Time.utc shifted by the offset: the wall-clock fields move by the offset one day at most, and the day
 * field has five bits, so the 31st of a 30-day month pushed past midnight by a western offset wraps to day 0.
 * `2024-04-31 18:00:00 -12:00` is March 30th, not May 1st.
 */
function timeNewWithOffsetMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number): number {
  let sign = -1;
  let off = offset;
  if (off < 0) {
    sign = 1;
    off = -off;
  }
  let sec = off % 60;
  let min = Math.floor(off / 60) % 60;
  let hour = Math.floor(off / 3600) % 24;
  if (sign < 0) [sec, min, hour] = [-sec, -min, -hour];
  let [vy, vmo, vd, vh, vmi, vs] = [y, mo, d, h, mi, s];
  let day = 0;
  if (sec) {
    sec += vs;
    if (sec < 0) [sec, min] = [sec + 60, min - 1];
    if (sec >= 60) [sec, min] = [sec - 60, min + 1];
    vs = sec;
  }
  if (min) {
    min += vmi;
    if (min < 0) [min, hour] = [min + 60, hour - 1];
    if (min >= 60) [min, hour] = [min - 60, hour + 1];
    vmi = min;
  }
  if (hour) {
    hour += vh;
    if (hour < 0) [hour, day] = [hour + 24, -1];
    else if (hour >= 24) [hour, day] = [hour - 24, 1];
    vh = hour;
  }
  if (day < 0) {
    if (vmo === 1 && vd === 1) [vy, vmo, vd] = [vy - 1, 12, 31];
    else if (vd === 1) [vmo, vd] = [vmo - 1, daysInMonth(vy, vmo - 1)];
    else vd -= 1;
  } else if (day > 0) {
    if (vmo === 12 && vd === 31) [vy, vmo, vd] = [vy + 1, 1, 1];
    else if (vd === daysInMonth(vy, vmo)) [vmo, vd] = [vmo + 1, 1];
    else vd = (vd + 1) & 31;
  }
  // timegmw counts the fields linearly: day 0 is the last day of the month before, day 31 of April is May 1st.
  const date = new Date(0);
  date.setUTCFullYear(vy, vmo - 1, vd);
  date.setUTCHours(vh, vmi, vs, ms);
  return date.getTime();
}

function parsePsychTime(text: string): PsychValue | undefined {
  const [datePart, timePart = ''] = text.split(/[ tT](.*)/s, 2);
  const dm = /^(-?\d{4})-(\d{1,2})-(\d{1,2})/.exec(datePart);
  const tm = /(\d+:\d+:\d+)(?:\.(\d*))?\s*(Z|[-+]\d+(:\d\d)?)?/.exec(timePart);
  if (!dm || !tm) return undefined;
  const [hh, mm, ss] = tm[1].split(':').map(Number);
  const ms = tm[2] ? Math.floor(Number(`0.${tm[2]}`) * 1000) : 0;
  const utcMs = rubyTimeUtcMs(Number(dm[1]), Number(dm[2]), Number(dm[3]), hh, mm, ss, ms);
  if (utcMs === undefined) return undefined;
  const zone = tm[3];
  // Ruby's Time.utc moves a day past the month's end, hour 24 and second 60 on silently: the post's date changes.
  const y = Number(dm[1]);
  const mo = Number(dm[2]);
  const rolledOver = Number(dm[3]) > daysInMonth(y, mo) || hh === 24 || ss === 60 ? { rolledOver: true } : {};
  if (zone === 'Z') return { kind: 'time', epochMs: utcMs, offsetSeconds: 0, utc: true, ...rolledOver };
  // Psych reads a time without a zone as UTC wall-clock time (Time.at of the UTC value), shown in local time.
  if (!zone) return { kind: 'time', epochMs: utcMs, offsetSeconds: Number.NaN, utc: false, ...rolledOver };
  const zm = /^([+-]?\d{1,2}):?(\d{1,2})?$/.exec(zone);
  if (!zm) return undefined;
  const hours = Number(zm[1]);
  const minutes = Number(zm[2] ?? 0);
  // Psych takes the sign from the hours alone: `-00:30` is half an hour *east* (Integer("-00") is 0).
  const offsetSeconds = hours * 3600 + (hours < 0 ? -minutes : minutes) * 60;
  // Time.new refuses an offset of a day or more; Psych then keeps the text as a String.
  if (Math.abs(offsetSeconds) >= 86400) return undefined;
  const epochMs = timeNewWithOffsetMs(y, mo, Number(dm[3]), hh, mm, ss, ms, offsetSeconds);
  const wrapped = epochMs !== utcMs - offsetSeconds * 1000 ? { rolledOver: true } : {};
  return { kind: 'time', epochMs, offsetSeconds, utc: false, ...rolledOver, ...wrapped };
}

/** `Integer(text.gsub(/[,_]/, ''))`: binary, octal (leading 0), decimal or hex, exactly (BigInt). */
function parseInteger(text: string): PsychValue {
  const clean = text.replace(/[,_]/g, '');
  const negative = clean.startsWith('-');
  const digits = clean.replace(/^[-+]/, '');
  const magnitude = /^0[bx]/.test(digits) ? BigInt(digits) : /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  const big = negative ? -magnitude : magnitude;
  const value = Number(big);
  return Number.isSafeInteger(value) ? { kind: 'int', value } : { kind: 'int', value, text: big.toString() };
}

/**
 * Psych's base 60: `i += n.to_i * 60 ** (e - 2).abs` over the parts, so `1:30` is 1*3600 + 30*60 = 5400 (read as
 * hours and minutes) while `1:30:15` is 5415; only the first part carries the sign.
 */
function sexagesimal(text: string, float: boolean): number {
  const parts = text.split(':');
  return parts.reduce((acc, part, e) => {
    const n = float ? Number.parseFloat(part.replace(/_/g, '')) || 0 : Number.parseInt(part.replace(/_/g, ''), 10) || 0;
    return acc + n * 60 ** Math.abs(e - 2);
  }, 0);
}

/** Resolves a plain (unquoted, untagged) scalar exactly as Psych's ScalarScanner does. */
export function resolvePlainScalar(text: string): PsychValue {
  if (text === '') return { kind: 'null' };
  if (WORDLIKE_RE.test(text) || text.includes('\n')) {
    // Ruby counts characters, and its ^ and $ are line anchors (hence the `m` flags).
    if ([...text].length > 5) return { kind: 'string', value: text };
    if (/^[^ytonf~]/im.test(text)) return { kind: 'string', value: text };
    if (text === '~' || /^null$/im.test(text)) return { kind: 'null' };
    if (/^(yes|true|on)$/im.test(text)) return { kind: 'bool', value: true };
    if (/^(no|false|off)$/im.test(text)) return { kind: 'bool', value: false };
    return { kind: 'string', value: text };
  }
  if (TIME_RE.test(text)) return parsePsychTime(text) ?? { kind: 'string', value: text };
  if (DATE_RE.test(text)) {
    const [y, m, d] = text.split('-').map(Number);
    if (!isRubyDate(y, m, d)) return { kind: 'string', value: text };
    return { kind: 'date', year: y, month: m, day: d };
  }
  if (/^\+?\.inf$/i.test(text)) return { kind: 'float', value: Infinity };
  if (/^-\.inf$/i.test(text)) return { kind: 'float', value: -Infinity };
  if (/^\.nan$/i.test(text)) return { kind: 'float', value: NaN };
  if (/^:./.test(text)) return { kind: 'symbol', value: text.replace(/^:(["']?)(.*)\1$/s, '$2') };
  if (SEXAGESIMAL_INT_RE.test(text)) return { kind: 'int', value: sexagesimal(text, false) };
  if (SEXAGESIMAL_FLOAT_RE.test(text)) return { kind: 'float', value: sexagesimal(text, true) };
  if (FLOAT_RE.test(text)) {
    if (/^[-+]?\.$/.test(text)) return { kind: 'string', value: text };
    return { kind: 'float', value: Number(text.replace(/[,_]/g, '').replace(/\.([Ee]|$)/, '$1')) };
  }
  if (INTEGER_RE.test(text)) return parseInteger(text);
  return { kind: 'string', value: text };
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** strftime's `%Y`: at least four digits, and a minus sign before them. */
const padYear = (y: number): string => (y < 0 ? '-' : '') + pad(y, 4);

/**
 * Ruby's Float#to_s: the shortest digits that read back (as JavaScript's), in plain notation or as `1.0e+15`,
 * always with a digit after the point.
 */
export function rubyFloatToS(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = Math.abs(v).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const e = Number(exp);
  const sign = v < 0 ? '-' : '';
  const decpt = e + 1;
  // Plain notation from 0.0001 up to 15 integer digits, or 16 when a fraction follows (as Ruby 3.1 prints).
  const plain = decpt > -4 && (decpt < 16 || (decpt === 16 && digits.length > 16));
  if (!plain) return `${sign}${digits[0]}.${digits.slice(1) || '0'}e${e < 0 ? '-' : '+'}${pad(e, 2)}`;
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.slice(0, e + 1).padEnd(e + 1, '0');
  return `${sign}${whole}.${digits.slice(e + 1) || '0'}`;
}

/** Ruby's `to_s` of a value: Jekyll calls `data["date"].to_s` before `Time.parse`. */
export function rubyToS(value: PsychValue, localOffsetSecondsAt: (epochMs: number) => number): string {
  switch (value.kind) {
    case 'null':
      return '';
    case 'bool':
      return String(value.value);
    case 'int':
      return value.text ?? String(value.value);
    case 'float':
      return rubyFloatToS(value.value);
    case 'string':
    case 'symbol':
      return value.value;
    case 'date':
      return `${padYear(value.year)}-${pad(value.month)}-${pad(value.day)}`;
    case 'time': {
      const offset = value.utc ? 0 : Number.isNaN(value.offsetSeconds) ? localOffsetSecondsAt(value.epochMs) : value.offsetSeconds;
      const wall = new Date(value.epochMs + offset * 1000);
      const day = `${padYear(wall.getUTCFullYear())}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
      const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
      if (value.utc) return `${day} ${time} UTC`;
      const sign = offset < 0 ? '-' : '+';
      const abs = Math.abs(offset);
      return `${day} ${time} ${sign}${pad(Math.floor(abs / 3600))}${pad(Math.floor((abs % 3600) / 60))}`;
    }
    case 'seq':
    case 'map':
      // Array#to_s and Hash#to_s are their inspect text.
      return rubyInspect(value, localOffsetSecondsAt);
  }
}

/** Julian Day Number of a date in Ruby's default calendar (Date::ITALY: Julian before 1582-10-15). */
export function rubyJulianDay(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const gregorian = year > 1582 || (year === 1582 && (month > 10 || (month === 10 && day >= 15)));
  const base = day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4);
  return gregorian ? base - Math.floor(y / 100) + Math.floor(y / 400) - 32045 : base - 32083;
}

const INSPECT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\f': '\\f', '\v': '\\v', '\b': '\\b', '\x07': '\\a', '\x1b': '\\e' };

/** Ruby's String#inspect of a UTF-8 string: quotes, backslash escapes, `\#{` and `\u…` for what is not printable. */
export function rubyStringInspect(text: string): string {
  const body = [...text]
    .map((ch, i, chars) => {
      if (INSPECT_ESCAPES[ch]) return INSPECT_ESCAPES[ch];
      if (ch === '#' && /^[{$@]$/.test(chars[i + 1] ?? '')) return '\\#';
      if (/^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]$/u.test(ch)) {
        const code = ch.codePointAt(0) ?? 0;
        return code > 0xffff ? `\\u{${code.toString(16).toUpperCase()}}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
      }
      return ch;
    })
    .join('');
  return `"${body}"`;
}

/**
 * Ruby's `inspect` of a value: what `to_s` of a list or mapping holding it shows. A Date is
 * `#<Date: 2023-06-14 ((2460110j,0s,0n),+0s,2299161j)>`, a String is quoted, nil is `nil`, a Time is its `to_s` with
 * the fraction of a second (to the millisecond this value keeps).
 */
export function rubyInspect(value: PsychValue, localOffsetSecondsAt: (epochMs: number) => number): string {
  switch (value.kind) {
    case 'null':
      return 'nil';
    case 'string':
      return rubyStringInspect(value.value);
    case 'symbol':
      return /^[A-Za-z_][A-Za-z0-9_]*[?!=]?$/.test(value.value) ? `:${value.value}` : `:${rubyStringInspect(value.value)}`;
    case 'date':
      return `#<Date: ${padYear(value.year)}-${pad(value.month)}-${pad(value.day)} ((${rubyJulianDay(value.year, value.month, value.day)}j,0s,0n),+0s,2299161j)>`;
    case 'time': {
      const text = rubyToS(value, localOffsetSecondsAt);
      const ms = ((value.epochMs % 1000) + 1000) % 1000;
      return ms === 0 ? text : text.replace(/^(\S+ \d\d:\d\d:\d\d)/, `$1.${String(ms).padStart(3, '0').replace(/0+$/, '')}`);
    }
    case 'seq':
      return `[${value.items.map((item) => rubyInspect(item, localOffsetSecondsAt)).join(', ')}]`;
    case 'map':
      return `{${value.entries.map(([k, v]) => `${rubyInspect(k, localOffsetSecondsAt)}=>${rubyInspect(v, localOffsetSecondsAt)}`).join(', ')}}`;
    default:
      return rubyToS(value, localOffsetSecondsAt);
  }
}
