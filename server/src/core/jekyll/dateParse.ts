/**
 * A port of Ruby's `Date._parse(str, true)` (the date gem 3.2, ext/date/date_parse.c, without TIGHT_PARSER).
 * `Time.parse` runs it on every front-matter `date:` Jekyll reads, so its guesses decide which dates a site gets:
 * `2023年6月14日` becomes month 20 (an error), `Jan 15` gets no year, `06/14/2023` is read as year-month-day.
 *
 * The C code works on a copy of the string that each recognised piece is cut out of (replaced by one space), trying
 * the parsers in a fixed order; the port keeps that order, the same regular expressions and the same mutations, so
 * that the leftovers each later parser sees are the same. Ruby regexps differ from JavaScript ones in a few places
 * the port has to spell out: `\b` is a Unicode word boundary, `[[:alpha:]]` is Unicode, `\d` and `\s` are ASCII.
 */

import { utf8Length, zoneToDiff } from './dateZone';

export { zoneToDiff } from './dateZone';

/** The hash `Date._parse` returns (snake_case keys in Ruby). */
export interface RubyDateHash {
  year?: number;
  mon?: number;
  mday?: number;
  yday?: number;
  wday?: number;
  cwyear?: number;
  cweek?: number;
  cwday?: number;
  hour?: number;
  min?: number;
  sec?: number;
  /** `sec_fraction`, a Rational in Ruby; here its value and the digits it was read from (for exact milliseconds). */
  secFraction?: number;
  secFractionDigits?: string;
  /** The zone text as written (`Z`, `+08:00`, `PST`, `Eastern Standard Time`, `北京时间`…). */
  zone?: string;
  /** Seconds east of UTC by Date's own zone table; undefined where Date cannot read `zone` (Ruby's nil). */
  offset?: number;
}

/** An exception Ruby would raise, with its class: Jekyll rescues only ArgumentError. */
export class RubyError extends Error {
  constructor(
    readonly rubyClass: 'ArgumentError' | 'RangeError',
    message: string,
  ) {
    super(message);
  }
}

/** The hash while parsing: Ruby's private `_comp` and `_bc` keys ride along. */
interface Work extends RubyDateHash {
  comp: boolean;
  bc?: boolean;
}

/** The mutable copy of the input the C parsers cut pieces out of. */
interface Subject {
  s: string;
}

/** Date._parse refuses long input (CVE-2021-41817): `limit: 128`, counted in bytes. */
const LIMIT = 128;

// Onigmo's Unicode classes as Ruby uses them for UTF-8 strings: alpha is the Alphabetic property, a word character
// (for `\b`) is alpha, a mark, a decimal digit or connector punctuation.
const WORD = '[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}]';
const B = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
const ALPHA = '\\p{Alphabetic}';
const ABBR_DAYS = 'sun|mon|tue|wed|thu|fri|sat';
const ABBR_MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const ERA = 'c(?:e|\\.e\\.)|b(?:ce|\\.c\\.e\\.)|a(?:d|\\.d\\.)|b(?:c|\\.c\\.)';

// After this substitution the only white space left is the ASCII space, so `\s`/`\S` mean the same in both engines.
const NOT_ALLOWED = /[^-+',./:@\p{Alphabetic}\p{Nd}[\]]+/gu;

/**
 * A pattern made on first use: the Unicode classes under `iu` cost a compile that most runs never need (Jekyll's own
 * Time#to_s text is read without them).
 */
const re = (source: string, ignoreCase = true): (() => RegExp) => {
  let made: RegExp | undefined;
  return () => (made ??= new RegExp(source, ignoreCase ? 'iu' : 'u'));
};

const DAY = re(`${B}(${ABBR_DAYS})[^-/\\d\\s]*`);
const TIME = re(
  '(' +
    '(?:\\d+\\s*:\\s*\\d+(?:\\s*:\\s*\\d+(?:[,.]\\d*)?)?|\\d+\\s*h(?:\\s*\\d+m?(?:\\s*\\d+s?)?)?)' +
    `(?:\\s*[ap](?:m${B}|\\.m\\.))?` +
    `|\\d+\\s*[ap](?:m${B}|\\.m\\.)` +
    ')' +
    '(?:\\s*(' +
    '(?:gmt|utc?)?[-+]\\d+(?:[,.:]\\d+(?::\\d+)?)?' +
    `|[${ALPHA}.\\s]+(?:standard|daylight)\\stime${B}` +
    `|${ALPHA}+(?:\\sdst)?${B}` +
    '))?',
);
const TIME_PARTS = re(
  `^(\\d+)h?(?:\\s*:?\\s*(\\d+)m?(?:\\s*:?\\s*(\\d+)(?:[,.](\\d+))?s?)?)?(?:\\s*([ap])(?:m${B}|\\.m\\.))?`,
);
const EU = re(
  `('?\\d+)[^-\\d\\s]*\\s*(${ABBR_MONTHS})[^-\\d\\s']*` +
    `(?:\\s*(${ERA})?\\s*('?-?\\d+(?:(?:st|nd|rd|th)${B})?))?`,
);
const US = re(`${B}(${ABBR_MONTHS})[^-\\d\\s']*\\s*('?\\d+)[^-\\d\\s']*(?:\\s*,?\\s*(${ERA})?\\s*('?-?\\d+))?`);
const ISO = re("('?[-+]?\\d+)-(\\d+)-('?-?\\d+)", false);
const ISO21 = re(`${B}(\\d{2}|\\d{4})?-?w(\\d{2})(?:-?(\\d))?${B}`);
const ISO22 = re(`-w-(\\d)${B}`);
const ISO23 = re(`--(\\d{2})?-(\\d{2})${B}`, false);
const ISO24 = re(`--(\\d{2})(\\d{2})?${B}`, false);
const ISO25_GUARD = re(`[,.](\\d{2}|\\d{4})-\\d{3}${B}`, false);
const ISO25 = re(`${B}(\\d{2}|\\d{4})-(\\d{3})${B}`, false);
const ISO26_GUARD = re(`\\d-\\d{3}${B}`, false);
const ISO26 = re(`${B}-(\\d{3})${B}`, false);
const JIS = re(`${B}([mtshr])(\\d+)\\.(\\d+)\\.(\\d+)`);
const VMS11 = re(`('?-?\\d+)-(${ABBR_MONTHS})[^-/.]*-('?-?\\d+)`);
const VMS12 = re(`${B}(${ABBR_MONTHS})[^-/.]*-('?-?\\d+)(?:-('?-?\\d+))?`);
const SLA = re("('?-?\\d+)/\\s*('?\\d+)(?:\\D\\s*('?-?\\d+))?");
const DOT = re("('?-?\\d+)\\.\\s*('?\\d+)\\.\\s*('?-?\\d+)");
const YEAR = re(`'(\\d+)${B}`, false);
const MON = re(`${B}(${ABBR_MONTHS})\\S*`);
const MDAY = re(`(\\d+)(st|nd|rd|th)${B}`);
const DDD = re(
  '([-+]?)(\\d{2,14})(?:\\s*t?\\s*(\\d{2,6})?(?:[,.](\\d*))?)?' + `(?:\\s*(z${B}|[-+]\\d{1,4}${B}|\\[[-+]?\\d[^\\]]*\\]))?`,
);
const BC = re(`${B}(bc${B}|bce${B}|b\\.c\\.|b\\.c\\.e\\.)`);
const FRAG = re('^\\s*(\\d{1,2})\\s*$');

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isSign = (c: string | undefined): boolean => c === '-' || c === '+';
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** `rb_str_to_inum(s, 10, 0)`: an optional sign and the leading digits; 0 when there are none. */
function toInt(s: string): number {
  const m = /^\s*([-+]?)(\d*)/.exec(s);
  const n = m && m[2] ? Number(m[2]) : 0;
  return m && m[1] === '-' ? -n : n;
}

function digitSpan(s: string, from: number): number {
  let i = from;
  while (isDigit(s[i])) i++;
  return i - from;
}

/** day_num / mon_num compare the first three bytes, ASCII case-insensitively; no match gives 7 and 13. */
function dayNum(s: string): number {
  const i = ABBR_DAYS.split('|').indexOf(asciiLower(s.slice(0, 3)));
  return i < 0 ? 7 : i;
}

function monNum(s: string): number {
  const i = ABBR_MONTHS.split('|').indexOf(asciiLower(s.slice(0, 3)));
  return (i < 0 ? 12 : i) + 1;
}

/** SUBS: find the pattern, cut the match out of the subject (one space instead), hand the match on. */
function subs(subject: Subject, pattern: RegExp, callback: (m: RegExpExecArray) => void): boolean {
  const m = pattern.exec(subject.s);
  if (!m) return false;
  subject.s = subject.s.slice(0, m.index) + ' ' + subject.s.slice(m.index + m[0].length);
  callback(m);
  return true;
}

/**
 * s3e: sorts three numeric-ish strings into year, month and day. A field with more than two digits or an apostrophe
 * is the year, wherever it stands: `06/14/2023` comes in as (06, 14, 2023) and leaves as year 2023, month 14, day 6
 * (an error later), while `14/06/2023` becomes June 14th and `06/05/2023` May 6th.
 */
function s3e(h: Work, y0: string | undefined, m0: string | number | undefined, d0: string | undefined, bc: boolean): void {
  let y = y0;
  let m = m0 === undefined ? undefined : String(m0);
  let d = d0;
  let comp: boolean | undefined;

  if (y !== undefined && m !== undefined && d === undefined) [y, m, d] = [undefined, y, m];

  if (y === undefined) {
    if (d !== undefined && d.length > 2) [y, d] = [d, undefined];
    if (d !== undefined && d.length > 0 && d[0] === "'") [y, d] = [d, undefined];
  }

  if (y !== undefined) {
    let s = 0;
    while (s < y.length && !isSign(y[s]) && !isDigit(y[s])) s++;
    if (s < y.length) {
      const bp = s;
      if (isSign(y[s])) s++;
      const ep = s + digitSpan(y, s);
      // Something after the digits (an ordinal suffix): the "year" was really the day.
      if (ep < y.length) [y, d] = [d, y.slice(bp, ep)];
    }
  }

  if (m !== undefined && (m[0] === "'" || m.length > 2)) [y, m, d] = [m, d, y]; // us -> be
  if (d !== undefined && (d[0] === "'" || d.length > 2)) [y, d] = [d, y];

  if (y !== undefined) {
    let s = 0;
    while (s < y.length && !isSign(y[s]) && !isDigit(y[s])) s++;
    if (s < y.length) {
      const bp = s;
      if (isSign(y[s])) {
        s++;
        comp = false;
      }
      const l = digitSpan(y, s);
      if (l > 2) comp = false;
      h.year = toInt(y.slice(bp, s + l));
    }
  }
  if (bc) h.bc = true;
  for (const [key, text] of [['mon', m], ['mday', d]] as const) {
    if (text === undefined) continue;
    let s = 0;
    while (s < text.length && !isDigit(text[s])) s++;
    if (s < text.length) h[key] = toInt(text.slice(s, s + digitSpan(text, s)));
  }
  if (comp !== undefined) h.comp = comp;
}

function parseDay(subject: Subject, h: Work): boolean {
  return subs(subject, DAY(), (m) => (h.wday = dayNum(m[1])));
}

function parseTime(subject: Subject, h: Work): boolean {
  return subs(subject, TIME(), (m) => {
    if (m[2] !== undefined) h.zone = m[2];
    const t = TIME_PARTS().exec(m[1]);
    if (!t) return;
    let hour = toInt(t[1]);
    if (t[5] !== undefined) {
      // NUM2INT: an hour beyond a C int is a RangeError, which Jekyll does not rescue.
      if (hour > 2147483647) throw intRangeError(t[1]);
      hour %= 12;
      if (t[5] === 'P' || t[5] === 'p') hour += 12;
    }
    h.hour = hour;
    if (t[2] !== undefined) h.min = toInt(t[2]);
    if (t[3] !== undefined) h.sec = toInt(t[3]);
    if (t[4] !== undefined) setFraction(h, t[4]);
  });
}

/** NUM2INT's complaint about a number of digits: past a C long Ruby fails one step earlier, with other words. */
function intRangeError(digits: string): RubyError {
  const n = BigInt(digits);
  return new RubyError(
    'RangeError',
    n > 2n ** 63n - 1n ? "bignum too big to convert into `long'" : `integer ${n} too big to convert to \`int'`,
  );
}

function setFraction(h: Work, digits: string): void {
  h.secFractionDigits = digits;
  // Ruby keeps a Rational; `0.digits` read as a double is that Rational correctly rounded.
  h.secFraction = digits === '' ? 0 : Number(`0.${digits}`);
}

const isBc = (era: string | undefined): boolean => era !== undefined && (era[0] === 'B' || era[0] === 'b');

function parseEu(subject: Subject, h: Work): boolean {
  return subs(subject, EU(), (m) => s3e(h, m[4], monNum(m[2]), m[1], isBc(m[3])));
}

function parseUs(subject: Subject, h: Work): boolean {
  return subs(subject, US(), (m) => s3e(h, m[4], monNum(m[1]), m[2], isBc(m[3])));
}

function parseIso(subject: Subject, h: Work): boolean {
  return subs(subject, ISO(), (m) => s3e(h, m[1], m[2], m[3], false));
}

function parseIso2(subject: Subject, h: Work): boolean {
  if (
    subs(subject, ISO21(), (m) => {
      if (m[1] !== undefined) h.cwyear = toInt(m[1]);
      h.cweek = toInt(m[2]);
      if (m[3] !== undefined) h.cwday = toInt(m[3]);
    })
  )
    return true;
  if (subs(subject, ISO22(), (m) => (h.cwday = toInt(m[1])))) return true;
  if (
    subs(subject, ISO23(), (m) => {
      if (m[1] !== undefined) h.mon = toInt(m[1]);
      h.mday = toInt(m[2]);
    })
  )
    return true;
  if (
    subs(subject, ISO24(), (m) => {
      h.mon = toInt(m[1]);
      if (m[2] !== undefined) h.mday = toInt(m[2]);
    })
  )
    return true;
  if (
    !ISO25_GUARD().test(subject.s) &&
    subs(subject, ISO25(), (m) => {
      h.year = toInt(m[1]);
      h.yday = toInt(m[2]);
    })
  )
    return true;
  return !ISO26_GUARD().test(subject.s) && subs(subject, ISO26(), (m) => (h.yday = toInt(m[1])));
}

/** Japanese era initials (JIS X 0301): Meiji, Taisho, Showa, Heisei, Reiwa. */
function gengo(c: string): number {
  return ({ m: 1867, t: 1911, s: 1925, h: 1988, r: 2018 } as Record<string, number>)[asciiLower(c)] ?? 0;
}

function parseJis(subject: Subject, h: Work): boolean {
  return subs(subject, JIS(), (m) => {
    h.year = toInt(m[2]) + gengo(m[1]);
    h.mon = toInt(m[3]);
    h.mday = toInt(m[4]);
  });
}

function parseVms(subject: Subject, h: Work): boolean {
  if (subs(subject, VMS11(), (m) => s3e(h, m[3], monNum(m[2]), m[1], false))) return true;
  return subs(subject, VMS12(), (m) => s3e(h, m[3], monNum(m[1]), m[2], false));
}

function parseSla(subject: Subject, h: Work): boolean {
  return subs(subject, SLA(), (m) => s3e(h, m[1], m[2], m[3], false));
}

function parseDot(subject: Subject, h: Work): boolean {
  return subs(subject, DOT(), (m) => s3e(h, m[1], m[2], m[3], false));
}

function parseYear(subject: Subject, h: Work): boolean {
  return subs(subject, YEAR(), (m) => (h.year = toInt(m[1])));
}

function parseMon(subject: Subject, h: Work): boolean {
  return subs(subject, MON(), (m) => (h.mon = monNum(m[1])));
}

function parseMday(subject: Subject, h: Work): boolean {
  return subs(subject, MDAY(), (m) => (h.mday = toInt(m[1])));
}

/** n2i: `w` digits of `s` from `f`. */
const n2i = (s: string, f: number, w: number): number => Number(s.slice(f, f + w));

/** parse_ddd: runs of digits (`20240115`, `20240115T103000Z`, `1030`), split by their length. */
function parseDdd(subject: Subject, h: Work): boolean {
  return subs(subject, DDD(), (m) => {
    const [, s1, s2, s3, s4, s5] = m;
    const l2 = s2.length;
    const negative = s1 === '-';
    const timeOnly = s3 === undefined && s4 !== undefined;
    const signed = (y: number): number => (negative ? -y : y);
    switch (l2) {
      case 2:
        if (timeOnly) h.sec = n2i(s2, 0, 2);
        else h.mday = n2i(s2, 0, 2);
        break;
      case 4:
        if (timeOnly) {
          h.sec = n2i(s2, 2, 2);
          h.min = n2i(s2, 0, 2);
        } else {
          h.mon = n2i(s2, 0, 2);
          h.mday = n2i(s2, 2, 2);
        }
        break;
      case 6:
        if (timeOnly) {
          h.sec = n2i(s2, 4, 2);
          h.min = n2i(s2, 2, 2);
          h.hour = n2i(s2, 0, 2);
        } else {
          h.year = signed(n2i(s2, 0, 2));
          h.mon = n2i(s2, 2, 2);
          h.mday = n2i(s2, 4, 2);
        }
        break;
      case 8:
      case 10:
      case 12:
      case 14:
        if (timeOnly) {
          h.sec = n2i(s2, l2 - 2, 2);
          h.min = n2i(s2, l2 - 4, 2);
          h.hour = n2i(s2, l2 - 6, 2);
          h.mday = n2i(s2, l2 - 8, 2);
          if (l2 >= 10) h.mon = n2i(s2, l2 - 10, 2);
          if (l2 === 12) h.year = signed(n2i(s2, 0, 2));
          if (l2 === 14) {
            h.year = signed(n2i(s2, 0, 4));
            h.comp = false;
          }
        } else {
          h.year = signed(n2i(s2, 0, 4));
          h.mon = n2i(s2, 4, 2);
          h.mday = n2i(s2, 6, 2);
          if (l2 >= 10) h.hour = n2i(s2, 8, 2);
          if (l2 >= 12) h.min = n2i(s2, 10, 2);
          if (l2 >= 14) h.sec = n2i(s2, 12, 2);
          h.comp = false;
        }
        break;
      case 3:
        if (timeOnly) {
          h.sec = n2i(s2, 1, 2);
          h.min = n2i(s2, 0, 1);
        } else h.yday = n2i(s2, 0, 3);
        break;
      case 5:
        if (timeOnly) {
          h.sec = n2i(s2, 3, 2);
          h.min = n2i(s2, 1, 2);
          h.hour = n2i(s2, 0, 1);
        } else {
          h.year = signed(n2i(s2, 0, 2));
          h.yday = n2i(s2, 2, 3);
        }
        break;
      case 7:
        if (timeOnly) {
          h.sec = n2i(s2, 5, 2);
          h.min = n2i(s2, 3, 2);
          h.hour = n2i(s2, 1, 2);
          h.mday = n2i(s2, 0, 1);
        } else {
          h.year = signed(n2i(s2, 0, 4));
          h.yday = n2i(s2, 4, 3);
        }
        break;
      // 9, 11 and 13 digits match but set nothing: a 13-digit epoch in milliseconds is "no time information".
    }
    if (s3 !== undefined) {
      const l3 = s3.length;
      if (l3 === 2 || l3 === 4 || l3 === 6) {
        if (s4 !== undefined) {
          h.sec = n2i(s3, l3 - 2, 2);
          if (l3 >= 4) h.min = n2i(s3, l3 - 4, 2);
          if (l3 >= 6) h.hour = n2i(s3, l3 - 6, 2);
        } else {
          h.hour = n2i(s3, 0, 2);
          if (l3 >= 4) h.min = n2i(s3, 2, 2);
          if (l3 >= 6) h.sec = n2i(s3, 4, 2);
        }
      }
    }
    if (s4 !== undefined) setFraction(h, s4);
    if (s5 !== undefined) {
      h.zone = s5;
      if (s5[0] === '[') {
        // `[+9:JST]` / `[-5]` / `[9]`: the name after the colon is the zone, the part before it the offset.
        const inner = s5.slice(1, -1);
        const colon = inner.indexOf(':');
        let offsetText: string;
        if (colon >= 0) {
          h.zone = inner.slice(colon + 1);
          offsetText = inner.slice(0, colon + 1);
        } else {
          h.zone = inner;
          offsetText = isDigit(inner[0]) ? `+${inner}` : inner;
        }
        h.offset = zoneToDiff(offsetText);
      }
    }
  });
}

function parseBc(subject: Subject, h: Work): boolean {
  return subs(subject, BC(), () => (h.bc = true));
}

/** parse_frag: a lone 1–2 digit number left over is the day (after a time) or the hour (after a date). */
function parseFrag(subject: Subject, h: Work): boolean {
  return subs(subject, FRAG(), (m) => {
    const n = toInt(m[1]);
    if (h.hour !== undefined && h.mday === undefined && n >= 1 && n <= 31) h.mday = n;
    if (h.mday !== undefined && h.hour === undefined && n >= 0 && n <= 24) h.hour = n;
  });
}

const HAVE_ALPHA = 1;
const HAVE_DIGIT = 2;
const HAVE_DASH = 4;
const HAVE_DOT = 8;
const HAVE_SLASH = 16;

/** check_class: C's isalpha/isdigit, so only ASCII letters and digits count. */
function checkClass(s: string): number {
  let flags = 0;
  for (const c of s) {
    if (/[A-Za-z]/.test(c)) flags |= HAVE_ALPHA;
    else if (isDigit(c)) flags |= HAVE_DIGIT;
    else if (c === '-') flags |= HAVE_DASH;
    else if (c === '.') flags |= HAVE_DOT;
    else if (c === '/') flags |= HAVE_SLASH;
  }
  return flags;
}

/** The date parsers in the order date__parse tries them, each with the characters it needs to be tried. */
const DATE_PARSERS: Array<[number, (subject: Subject, h: Work) => boolean]> = [
  [HAVE_ALPHA | HAVE_DIGIT, parseEu],
  [HAVE_ALPHA | HAVE_DIGIT, parseUs],
  [HAVE_DIGIT | HAVE_DASH, parseIso],
  [HAVE_DIGIT | HAVE_DOT, parseJis],
  [HAVE_ALPHA | HAVE_DIGIT | HAVE_DASH, parseVms],
  [HAVE_DIGIT | HAVE_SLASH, parseSla],
  [HAVE_DIGIT | HAVE_DOT, parseDot],
  [HAVE_DIGIT, parseIso2],
  [HAVE_DIGIT, parseYear],
  [HAVE_ALPHA, parseMon],
  [HAVE_DIGIT, parseMday],
  [HAVE_DIGIT, parseDdd],
];

/**
 * What Ruby's Time#to_s writes (`2024-01-15 18:00:00 +0800`, `2024-01-15 10:00:00 UTC`), which is what Jekyll parses
 * for an unquoted YAML date and twice more per post (merge_data!): read directly, without the general parsers, whose
 * Unicode case-insensitive patterns cost a one-off compile larger than the checks of a few hundred posts. The hash is
 * the one those parsers make, keys in the same order (tested against them).
 */
const TIME_TO_S = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([-+]\d{4}|UTC)$/;

function timeToSHash(input: string): RubyDateHash | undefined {
  const m = TIME_TO_S.exec(input);
  if (!m) return undefined;
  const zone = m[7];
  return { zone, hour: Number(m[4]), min: Number(m[5]), sec: Number(m[6]), year: Number(m[1]), mon: Number(m[2]), mday: Number(m[3]), offset: zoneToDiff(zone) };
}

/** `Date._parse(input, true)`. Throws RubyError where Ruby raises (input over 128 bytes, an absurd 12-hour time). */
export function dateParse(input: string): RubyDateHash {
  return timeToSHash(input) ?? generalDateParse(input);
}

/** `Date._parse(input, true)` by the parsers of date_parse.c, for any text. */
export function generalDateParse(input: string): RubyDateHash {
  const bytes = utf8Length(input);
  if (bytes > LIMIT) throw new RubyError('ArgumentError', `string length (${bytes}) exceeds the limit ${LIMIT}`);

  const subject: Subject = { s: input.replace(NOT_ALLOWED, ' ') };
  const h: Work = { comp: true };
  // HAVE_ELEM_P looks at the string as it is now: earlier parsers may have cut out the only letters or dashes.
  const has = (flags: number): boolean => (checkClass(subject.s) & flags) === flags;

  if (has(HAVE_ALPHA)) parseDay(subject, h);
  if (has(HAVE_DIGIT)) parseTime(subject, h);

  // The first parser that recognises a date wins; the rest are skipped.
  DATE_PARSERS.some(([flags, parse]) => has(flags) && parse(subject, h));

  if (has(HAVE_ALPHA)) parseBc(subject, h);
  if (has(HAVE_DIGIT)) parseFrag(subject, h);

  if (h.bc) {
    if (h.cwyear !== undefined) h.cwyear = -h.cwyear + 1;
    if (h.year !== undefined) h.year = -h.year + 1;
  }
  // Two-digit years: 69–99 are 19xx, 00–68 are 20xx, unless the parser saw a sign or more than two digits.
  if (h.comp) {
    for (const key of ['cwyear', 'year'] as const) {
      const y = h[key];
      if (y !== undefined && y >= 0 && y <= 99) h[key] = y >= 69 ? y + 1900 : y + 2000;
    }
  }
  if (h.zone !== undefined && h.offset === undefined) h.offset = zoneToDiff(h.zone);

  // Ruby deletes its private keys before returning the hash.
  const hash: RubyDateHash & Partial<Pick<Work, 'comp' | 'bc'>> = { ...h };
  delete hash.comp;
  delete hash.bc;
  return hash;
}
