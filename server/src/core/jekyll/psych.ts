/**
 * How Ruby's Psych (libyaml, YAML 1.1) turns a plain scalar into a Ruby value, ported from
 * Psych::ScalarScanner#tokenize. Jekyll reads front matter with it, so `True` is a boolean, `y` is a string and an
 * unquoted `2023-06-14 10:35:19 +0800` is a Time.
 */

export type PsychValue =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  /** A Ruby Time: epoch milliseconds and the UTC offset Psych gave it (0 with `utc: true` for `Z`). */
  | { kind: 'time'; epochMs: number; offsetSeconds: number; utc: boolean; rolledOver?: boolean }
  /** A Ruby Date (calendar day, no zone). */
  | { kind: 'date'; year: number; month: number; day: number }
  /** A Ruby Symbol (`:name`): Jekyll's safe YAML loader refuses it. */
  | { kind: 'symbol'; value: string }
  | { kind: 'seq' }
  | { kind: 'map' };

const TIME_RE = /^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$/;
const DATE_RE = /^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$/;
const WORDLIKE_RE = /^[^\d.:-]?[\p{L}\p{M}_\s!@#$%^&*(){}<>|/\\~;=]+/u;
const FLOAT_RE = /^(?:[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;
const INTEGER_RE = /^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$/;
const SEXAGESIMAL_INT_RE = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$/;
const SEXAGESIMAL_FLOAT_RE = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\.[0-9_]*$/;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
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
  const offsetSeconds = hours * 3600 + (hours < 0 || zm[1].startsWith('-') ? -minutes : minutes) * 60;
  return { kind: 'time', epochMs: utcMs - offsetSeconds * 1000, offsetSeconds, utc: false, ...rolledOver };
}

function parseInteger(text: string): number {
  const clean = text.replace(/[,_]/g, '');
  const sign = clean.startsWith('-') ? -1 : 1;
  const digits = clean.replace(/^[-+]/, '');
  if (/^0b/.test(digits)) return sign * parseInt(digits.slice(2), 2);
  if (/^0x/.test(digits)) return sign * parseInt(digits.slice(2), 16);
  if (/^0[0-7]+$/.test(digits)) return sign * parseInt(digits.slice(1), 8);
  return sign * parseInt(digits, 10);
}

function sexagesimal(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const parts = text.replace(/^[-+]/, '').replace(/_/g, '').split(':');
  return sign * parts.reduce((acc, part) => acc * 60 + Number(part), 0);
}

/** Resolves a plain (unquoted, untagged) scalar exactly as Psych's ScalarScanner does. */
export function resolvePlainScalar(text: string): PsychValue {
  if (text === '') return { kind: 'null' };
  if (WORDLIKE_RE.test(text) || text.includes('\n')) {
    if (text.length > 5) return { kind: 'string', value: text };
    if (/^[^ytonf~]/i.test(text)) return { kind: 'string', value: text };
    if (text === '~' || /^null$/i.test(text)) return { kind: 'null' };
    if (/^(yes|true|on)$/i.test(text)) return { kind: 'bool', value: true };
    if (/^(no|false|off)$/i.test(text)) return { kind: 'bool', value: false };
    return { kind: 'string', value: text };
  }
  if (TIME_RE.test(text)) return parsePsychTime(text) ?? { kind: 'string', value: text };
  if (DATE_RE.test(text)) {
    const [y, m, d] = text.split('-').map(Number);
    if (d > daysInMonth(y, m)) return { kind: 'string', value: text };
    return { kind: 'date', year: y, month: m, day: d };
  }
  if (/^\+?\.inf$/i.test(text)) return { kind: 'float', value: Infinity };
  if (/^-\.inf$/i.test(text)) return { kind: 'float', value: -Infinity };
  if (/^\.nan$/i.test(text)) return { kind: 'float', value: NaN };
  if (/^:./.test(text)) return { kind: 'symbol', value: text.replace(/^:(["']?)(.*)\1$/s, '$2') };
  if (SEXAGESIMAL_INT_RE.test(text)) return { kind: 'int', value: sexagesimal(text) };
  if (SEXAGESIMAL_FLOAT_RE.test(text)) return { kind: 'float', value: sexagesimal(text) };
  if (FLOAT_RE.test(text)) {
    if (/^[-+]?\.$/.test(text)) return { kind: 'string', value: text };
    return { kind: 'float', value: Number(text.replace(/[,_]/g, '').replace(/\.([Ee]|$)/, '$1')) };
  }
  if (INTEGER_RE.test(text)) return { kind: 'int', value: parseInteger(text) };
  return { kind: 'string', value: text };
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** Ruby's `to_s` of a value: Jekyll calls `data["date"].to_s` before `Time.parse`. */
export function rubyToS(value: PsychValue, localOffsetSecondsAt: (epochMs: number) => number): string {
  switch (value.kind) {
    case 'null':
      return '';
    case 'bool':
      return String(value.value);
    case 'int':
      return String(value.value);
    case 'float':
      if (Number.isNaN(value.value)) return 'NaN';
      if (!Number.isFinite(value.value)) return value.value > 0 ? 'Infinity' : '-Infinity';
      return Number.isInteger(value.value) ? value.value.toFixed(1) : String(value.value);
    case 'string':
    case 'symbol':
      return value.value;
    case 'date':
      return `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)}`;
    case 'time': {
      const offset = value.utc ? 0 : Number.isNaN(value.offsetSeconds) ? localOffsetSecondsAt(value.epochMs) : value.offsetSeconds;
      const wall = new Date(value.epochMs + offset * 1000);
      const day = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
      const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
      if (value.utc) return `${day} ${time} UTC`;
      const sign = offset < 0 ? '-' : '+';
      const abs = Math.abs(offset);
      return `${day} ${time} ${sign}${pad(Math.floor(abs / 3600))}${pad(Math.floor((abs % 3600) / 60))}`;
    }
    case 'seq':
    case 'map':
      return '';
  }
}
