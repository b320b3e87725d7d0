/**
 * Jekyll's front-matter dates, checked against the real Jekyll: test/fixtures/jekyll-dates.json is what Debian's
 * Jekyll 4.3.1 did with each `date:` line (test/oracle/jekyll-dates.rb builds one site per line), and the port must
 * agree on every row: build error or not, the error text, and the rendered `page.date`.
 * Set JEKYLL_DATES_TABLE to a freshly generated table to check that one too (CI does); with `jekyll` on PATH the
 * table is also regenerated here and compared with the committed one.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it, test } from 'node:test';
import { isMap, parseDocument } from 'yaml';
import { jekyllDate } from '../server/src/core/jekyll/jekyllDate';
import { resolvePlainScalar, rubyFloatToS, rubyToS, type PsychValue } from '../server/src/core/jekyll/psych';
import { psychValueOfNode } from '../server/src/core/jekyll/yamlValue';
import { dateParse, rubyTimeParse, utcOffsetAt, type RubyDateHash } from '../server/src/core/jekyll/rubyTime';
import { generalDateParse } from '../server/src/core/jekyll/dateParse';
import { UTC_TZ_VALUES } from '../server/src/core/jekyll/localTime';
import { prng } from './helpers/hostile';
import { onPath } from './helpers/commands';

const ROOT = path.resolve(__dirname, '..', '..');
const TABLE = path.join(ROOT, 'test', 'fixtures', 'jekyll-dates.json');
const ORACLE = path.join(ROOT, 'test', 'oracle', 'jekyll-dates.rb');
const DOC_PATH = '_posts/2024-01-01-probe.md';

interface Row {
  yaml: string;
  timezone: string;
  about: string;
  /** When this case was built: Time.parse fills missing fields from it. */
  now: string;
  /** What Psych loaded, and its `to_s`. */
  psych: { class: string; toS: string } | { error: string };
  ok: boolean;
  rendered?: string;
  url?: string;
  error?: string;
  errorClass?: string;
  log: string[];
}

interface Table {
  generatedAt: string;
  timezone: string;
  jekyll: string;
  rows: Row[];
}

const readTable = (file: string): Table => JSON.parse(readFileSync(file, 'utf8')) as Table;

/** The `date:` value of a front-matter line, as Jekyll's Psych gives it to us: plain scalars resolved, quoted kept. */
function psychValueOf(line: string): PsychValue {
  const doc = parseDocument(line, { version: '1.1' });
  assert.ok(isMap(doc.contents), `not a mapping: ${line}`);
  return psychValueOfNode(doc.contents.items[0]?.value);
}

/** The differences between the port and one oracle row, as readable lines (none when they agree). */
function disagreements(row: Row): string[] {
  const value = psychValueOf(row.yaml);
  const out: string[] = [];
  if ('toS' in row.psych) {
    const toS = rubyToS(value, (ms) => utcOffsetAt(ms, row.timezone));
    if (toS !== row.psych.toS) out.push(`to_s: Psych gave ${JSON.stringify(row.psych.toS)}, port ${JSON.stringify(toS)}`);
  }
  const result = jekyllDate(value, { now: new Date(row.now), timeZone: row.timezone, docPath: DOC_PATH });
  if (result.ok !== row.ok) {
    out.push(`Jekyll ${row.ok ? `built ${row.rendered}` : `failed: ${row.error}`}; port ${result.ok ? `read ${result.localIso}` : `failed: ${result.message}`}`);
  } else if (result.ok && result.localIso !== row.rendered) {
    out.push(`rendered: Jekyll ${row.rendered}, port ${result.localIso}`);
  } else if (!result.ok && result.message !== row.error) {
    out.push(`error: Jekyll ${JSON.stringify(row.error)}, port ${JSON.stringify(result.message)}`);
  }
  return out;
}

function checkAgreement(file: string): void {
  const table = readTable(file);
  it(`has enough cases (${table.rows.length})`, () => assert.ok(table.rows.length >= 60));
  for (const row of table.rows) {
    it(`${row.yaml} [${row.timezone}]: ${row.ok ? row.rendered : 'error'}`, () => {
      assert.deepEqual(disagreements(row), [], row.about);
    });
  }
}

describe('jekyllDate agrees with Jekyll on every row of the committed table', () => checkAgreement(TABLE));

const extra = process.env.JEKYLL_DATES_TABLE;
if (extra) describe(`jekyllDate agrees with Jekyll on every row of ${extra}`, () => checkAgreement(path.resolve(extra)));


test('a freshly generated table has the same outcome for every row as the committed one', (t) => {
  if (!onPath('jekyll') || !onPath('ruby')) {
    t.skip('jekyll is not on PATH (apt-get install -y --no-install-recommends jekyll): the table was not regenerated');
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'jekyll-dates-'));
  try {
    const fresh = path.join(dir, 'jekyll-dates.json');
    const run = spawnSync('ruby', [ORACLE, fresh], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, `the oracle failed: ${run.stderr}`);
    assert.ok(existsSync(fresh));
    const committed = readTable(TABLE);
    const regenerated = readTable(fresh);
    const key = (r: Row): string => `${r.timezone} ${r.yaml}`;
    assert.deepEqual(regenerated.rows.map(key), committed.rows.map(key), 'the oracle has other cases than the committed table: regenerate it');
    const problems: string[] = [];
    regenerated.rows.forEach((row, i) => {
      const old = committed.rows[i];
      for (const d of disagreements(row)) problems.push(`${key(row)}: ${d}`);
      if (row.ok !== old.ok || row.error !== old.error) problems.push(`${key(row)}: was ${old.ok ? old.rendered : old.error}, now ${row.ok ? row.rendered : row.error}`);
      // A rendered date that takes nothing from the build time must not change between runs.
      const result = jekyllDate(psychValueOf(row.yaml), { now: new Date(row.now), timeZone: row.timezone, docPath: DOC_PATH });
      if (row.ok && old.ok && result.ok && result.filledFromNow.length === 0 && row.rendered !== old.rendered) {
        problems.push(`${key(row)}: rendered ${old.rendered} before, ${row.rendered} now`);
      }
    });
    assert.deepEqual(problems, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Focused cases; the expected hashes and times are Ruby 3.1's (`ruby -e 'require "time"; p Date._parse("…")'`).

const hash = (h: RubyDateHash): Record<string, unknown> =>
  Object.fromEntries(Object.entries(h).filter(([k, v]) => v !== undefined && k !== 'secFractionDigits'));

describe('dateParse (Date._parse)', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['2023年6月14日', { mon: 20, mday: 23 }],
    ['06/14/2023', { year: 2023, mon: 14, mday: 6 }],
    ['14/06/2023', { year: 2023, mon: 6, mday: 14 }],
    ['Sat Aug 28 02:55:50 +09:00 1999', { wday: 6, zone: '+09:00', hour: 2, min: 55, sec: 50, year: 1999, mon: 8, mday: 28, offset: 32400 }],
    ['H31.04.30', { year: 2019, mon: 4, mday: 30 }],
    ['R01.05.01', { year: 2019, mon: 5, mday: 1 }],
    ['20240115T103000Z', { year: 2024, mon: 1, mday: 15, hour: 10, min: 30, sec: 0, zone: 'Z', offset: 0 }],
    ['1st Jan 2nd', { year: 2001, mon: 1, mday: 2 }],
    ['10:00 Eastern Standard Time', { zone: 'Eastern Standard Time', hour: 10, min: 0, offset: -18000 }],
    ['15th of January 2024', { year: 2024, mon: 1 }],
    ['15 mai 2024', { mday: 15 }],
    ['1705312800', { year: 1705, mon: 31, mday: 28, hour: 0 }],
    ['1705312800000', {}],
    ['2024-W03-1', { cwyear: 2024, cweek: 3, cwday: 1 }],
    ['2024-015', { year: 2024, yday: 15 }],
    ['12:30 pm', { hour: 12, min: 30 }],
    ['Mon, 15 Jan 2024 10:00:00 GMT', { wday: 1, zone: 'GMT', hour: 10, min: 0, sec: 0, year: 2024, mon: 1, mday: 15, offset: 0 }],
    ['2012-02-29T12:00+09:00[Asia/Tokyo]', { zone: '+09:00', hour: 12, min: 0, year: 2012, mon: 2, mday: 29, offset: 32400 }],
    ["'99", { year: 1999 }],
    ['5 Jan 2024 BC', { year: -2023, mon: 1, mday: 5 }],
    ['10:00 北京时间', { zone: '北京时间', hour: 10, min: 0 }],
    ['10:00:00.123456 +5.5', { zone: '+5.5', hour: 10, min: 0, sec: 0, secFraction: 0.123456, offset: 19800 }],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.deepEqual(hash(dateParse(input)), expected));
  }
  it("reads Time#to_s text as the general parsers do, even with digits out of range (the shortcut Jekyll's own text takes)", () => {
    const random = prng(11);
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
    for (let i = 0; i < 50_000; i++) {
      const zone = random() < 0.2 ? 'UTC' : `${random() < 0.5 ? '+' : '-'}${digits(4)}`;
      const input = `${digits(4)}-${digits(2)}-${digits(2)} ${digits(2)}:${digits(2)}:${digits(2)} ${zone}`;
      const expected = generalDateParse(input);
      const actual = dateParse(input);
      assert.deepEqual(actual, expected, input);
      assert.deepEqual(Object.keys(actual), Object.keys(expected), input);
    }
  });
  it('refuses more than 128 bytes, counted in UTF-8', () => {
    assert.throws(() => dateParse('x'.repeat(129)), { message: 'string length (129) exceeds the limit 128' });
    assert.throws(() => dateParse('年'.repeat(43)), { message: 'string length (129) exceeds the limit 128' });
    assert.deepEqual(hash(dateParse(`2024-01-15${' '.repeat(118)}`)), { year: 2024, mon: 1, mday: 15 });
  });
});

describe('rubyTimeParse (Time.parse)', () => {
  const now = new Date('2024-11-26T05:06:07Z');
  const local = (input: string, timeZone = 'Asia/Shanghai'): string => {
    const r = rubyTimeParse(input, { now, timeZone });
    if (!r.ok) return `${r.errorClass}: ${r.error}`;
    const offset = utcOffsetAt(r.epochMs, timeZone);
    const wall = new Date(r.epochMs + offset * 1000).toISOString().slice(0, 19).replace('T', ' ');
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${wall} ${sign}${String(Math.floor(abs / 3600)).padStart(2, '0')}${String(Math.floor((abs % 3600) / 60)).padStart(2, '0')}`;
  };
  const cases: Array<[string, string, string?]> = [
    ['Jan 15', '2024-01-15 00:00:00 +0800'],
    ['2024-02-30', '2024-03-01 00:00:00 +0800'],
    ['2024-01-15 24:00', '2024-01-16 00:00:00 +0800'],
    ['2024-01-15 25:00', 'ArgumentError: hour out of range'],
    ['2024-13-01', 'ArgumentError: mon out of range'],
    ['', 'ArgumentError: no time information in ""'],
    ['hello', 'ArgumentError: no time information in "hello"'],
    ['2024-01-15 10:00 +8', '2024-01-15 10:00:00 +0800'],
    ['2024-01-15 10:00 CST', '2024-01-16 00:00:00 +0800'],
    ['6844-37,6', 'ArgumentError: utc_offset out of range'],
    ['99999999999 pm', "RangeError: integer 99999999999 too big to convert to `int'"],
    ['2024-01-15T10:00:00Z', '2024-01-15 18:00:00 +0800'],
    ['10:00', '2024-11-26 10:00:00 +0800'],
    ['3rd', '2024-11-03 00:00:00 +0800'],
    ['2024-366', '2024-12-31 00:00:00 +0800'],
    ['2023-366', 'ArgumentError: yday 366 out of range'],
    ['2024-03-10 02:30', '2024-03-10 03:30:00 -0400', 'America/New_York'],
    ['2024-11-03 01:30', '2024-11-03 01:30:00 -0500', 'America/New_York'],
    ['2024-07-01 10:00 EST', '2024-07-01 11:00:00 -0400', 'America/New_York'],
  ];
  for (const [input, expected, zone] of cases) {
    it(`${JSON.stringify(input)}${zone ? ` in ${zone}` : ''}`, () => assert.equal(local(input, zone), expected));
  }
  it('says which fields came from the build time, and what rolled over or was ignored', () => {
    const r = (input: string, timeZone = 'Asia/Shanghai') => {
      const result = rubyTimeParse(input, { now, timeZone });
      assert.ok(result.ok, input);
      return { filled: result.filledFromNow, rolled: result.rolledOver, zone: result.hasZone, ignored: result.zoneIgnored };
    };
    assert.deepEqual(r('Jan 15'), { filled: ['year'], rolled: false, zone: false, ignored: false });
    assert.deepEqual(r('10:00'), { filled: ['year', 'mon', 'mday'], rolled: false, zone: false, ignored: false });
    assert.deepEqual(r('2024-02-30'), { filled: [], rolled: true, zone: false, ignored: false });
    assert.deepEqual(r('2024-01-15 24:00'), { filled: [], rolled: true, zone: false, ignored: false });
    assert.deepEqual(r('2024-03-10 02:30', 'America/New_York'), { filled: [], rolled: true, zone: false, ignored: false });
    assert.deepEqual(r('2024-01-15 10:00 +0800'), { filled: [], rolled: false, zone: true, ignored: false });
    assert.deepEqual(r('2024-01-15 10:00 GMT+8'), { filled: [], rolled: false, zone: false, ignored: true });
  });
});

describe('Psych values as Jekyll turns them into strings', () => {
  const toS = (text: string, timeZone = 'Asia/Shanghai') => rubyToS(resolvePlainScalar(text), (ms) => utcOffsetAt(ms, timeZone));
  it('reads a time without a zone as UTC and prints it in local time', () => {
    assert.equal(toS('2024-01-15 10:00:00'), '2024-01-15 18:00:00 +0800');
  });
  it('takes the sign of an offset from its hours alone', () => assert.equal(toS('2024-01-15 10:00:00 -00:30'), '2024-01-15 10:00:00 +0030'));
  it("wraps the 31st of a 30-day month the way Ruby's Time.new does", () => {
    assert.equal(toS('2024-04-31 18:00:00 -12:00'), '2024-03-30 18:00:00 -1200');
  });
  it('keeps impossible dates as strings', () => {
    for (const text of ['2024-02-30', '2024-00-10', '2024-01-00', '1582-10-10', '2024-01-15 10:00:00 +25:00']) {
      assert.equal(resolvePlainScalar(text).kind, 'string', text);
    }
    assert.equal(resolvePlainScalar('1500-02-29').kind, 'date', 'Julian leap day');
  });
  it('reads base 60 as hours and minutes', () => assert.equal(toS('10:00'), '36000'));
  it('prints big integers exactly and floats as Ruby does', () => {
    assert.equal(toS('12345678901234567890'), '12345678901234567890');
    assert.deepEqual([1e15, 1e14, 1234567890123456.2, 0.0001, 9.99e-5, -0, 2024.5].map(rubyFloatToS), ['1.0e+15', '100000000000000.0', '1234567890123456.2', '0.0001', '9.99e-05', '-0.0', '2024.5']);
  });
});

describe('the process time zone', () => {
  it('is UTC, as Intl says, for every TZ value read without Intl', () => {
    const saved = process.env.TZ;
    try {
      for (const value of UTC_TZ_VALUES) {
        // Node points ICU at the new zone when TZ is assigned.
        process.env.TZ = value;
        assert.equal(new Intl.DateTimeFormat().resolvedOptions().timeZone, 'UTC', `TZ=${value}`);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('jekyllDate', () => {
  const now = new Date('2024-11-26T05:06:07Z');
  it("gives Jekyll's message for a date it cannot read", () => {
    const result = jekyllDate({ kind: 'string', value: '06/14/2023' }, { now, timeZone: 'Asia/Shanghai', docPath: '_posts/x.md' });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.message, "Invalid date '06/14/2023': Document '_posts/x.md' does not have a valid date in the YAML front matter.");
  });
  it('moves local mean time by its seconds on each of the two extra round trips Jekyll makes', () => {
    const result = jekyllDate({ kind: 'date', year: 1, month: 1, day: 1 }, { now, timeZone: 'Asia/Shanghai' });
    assert.equal(result.ok && result.localIso, '0001-01-01 00:01:26 +0805');
  });
  it('reports a date rolled over by YAML', () => {
    const result = jekyllDate(resolvePlainScalar('2024-02-30 10:00:00'), { now, timeZone: 'Asia/Shanghai' });
    assert.equal(result.ok && result.rolledOver, true);
    assert.equal(result.ok && result.localIso, '2024-03-01 18:00:00 +0800');
  });
  it('says the build goes on without the front matter for a Symbol', () => {
    const result = jekyllDate({ kind: 'symbol', value: 'today' }, { now, timeZone: 'UTC' });
    assert.equal(!result.ok && result.buildStops, false);
  });
});
