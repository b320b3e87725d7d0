#!/usr/bin/env ruby
# frozen_string_literal: true

# The oracle for front-matter dates: builds one tiny site per case with the real Jekyll and records what it did
# with the `date:` line: the build error, or the rendered `page.date`. test/jekyllDate.test.ts checks the TypeScript
# port (server/src/core/jekyll/jekyllDate.ts) against the table this writes.
#
#   ruby test/oracle/jekyll-dates.rb test/fixtures/jekyll-dates.json
#
# Needs Jekyll (Debian: apt-get install -y --no-install-recommends jekyll). All sites are built in this one Ruby
# process (Site.new(...).process per case), which takes a few seconds for the whole table.

require 'jekyll'
require 'json'
require 'logger'
require 'stringio'
require 'time'
require 'tmpdir'

SITE_ZONE = 'Asia/Shanghai'

# [YAML line as written in the front matter, time zone of the site (nil: SITE_ZONE), what the case is about]
CASES = [
  # ISO 8601 as RSS-to-Jekyll tools write it
  ['date: 2024-01-15T10:00:00.000Z', nil, 'ISO with milliseconds and Z, unquoted: a Psych Time in UTC'],
  ['date: "2024-01-15T10:00:00.000Z"', nil, 'the same, quoted: a String for Time.parse'],
  ['date: 2024-01-15T10:00:00Z', nil, 'ISO with Z'],
  ['date: 2023-06-14T23:30:00.000Z', nil, 'late evening UTC is the next day in Shanghai'],
  ['date: "2023-06-14T23:30:00.000Z"', nil, 'the same, quoted'],
  ['date: 2024-01-15T10:00:00.000+0000', nil, 'milliseconds and +0000'],
  ['date: "2024-01-15T10:00:00.000+0000"', nil, 'the same, quoted'],
  ['date: 2024-01-15T10:00:00-05:00', nil, 'negative offset with colon'],
  ['date: "2024-01-15T10:00:00-05:00"', nil, 'the same, quoted'],
  ['date: 2024-01-15T10:00:00+05:45', nil, 'Nepal, quarter-hour offset'],
  ['date: 2024-12-31 23:30:00 -05:00', nil, 'the next year in Shanghai'],
  # the documented format
  ['date: 2024-01-15 10:00:00 +08:00', nil, 'offset with colon'],
  ['date: 2024-01-15 10:00:00 +0800', nil, "Jekyll's documented format"],
  ['date: "2024-01-15 10:00:00 +0800"', nil, 'the documented format, quoted'],
  ['date: 2024-01-15 10:00:00 +0800 # updated', nil, 'a YAML comment after the date'],
  ['date: 2024-01-15 10:00:00 +8', nil, 'one-digit offset, unquoted: Psych reads it'],
  ['date: "2024-01-15 10:00:00 +8"', nil, 'one-digit offset, quoted: Time.parse ignores it'],
  ['date: "2024-01-15 10:00 GMT+8"', nil, 'GMT+8: Time.parse ignores it'],
  ['date: 2024-01-15 10:00 UTC+8', nil, 'UTC+8: ignored as well'],
  ['date: 2024-01-15 10:00:00 -00:30', nil, 'Psych reads -00:30 as +00:30'],
  ['date: "2024-01-15 10:00:00 -00:30"', nil, 'Time.parse reads -00:30 right'],
  ['date: 2024-01-15 10:00:00 +14:00', nil, 'the easternmost offset'],
  ['date: 2024-01-15 10:00:00 +25:00', nil, 'an offset of more than a day'],
  ['date: 2024-01-15 10:00:00.123456789 +0800', nil, 'nanoseconds'],
  # no zone
  ['date: 2024-01-15 10:00:00', nil, 'no zone, unquoted: Psych reads UTC'],
  ["date: '2024-01-15 10:00:00'", nil, 'no zone, single-quoted: local time'],
  ['date: "2024-01-15 10:00:00"', nil, 'no zone, quoted: local time'],
  ['date: 2024-01-15 10:00', nil, 'no seconds: not a YAML timestamp, local time'],
  ['date: 2024-01-15T10:00:00', nil, 'T, no zone, unquoted: UTC'],
  # zone names
  ['date: 2024-01-15T10:00:00 PST', nil, 'PST is in time.rb'],
  ['date: 2024-01-15 10:00 CST', nil, "CST is US Central to Ruby, even in China"],
  ['date: 2024-01-15T10:00:00 JST', nil, 'JST is unknown outside Japan: local time'],
  ['date: "2024-01-15 10:00 北京时间"', nil, 'a zone name in Chinese: ignored'],
  ['date: "2024-01-15 10:00 UTC"', nil, 'UTC'],
  ['date: "2024-01-15T10:00:00+08:00[Asia/Shanghai]"', nil, 'a bracketed zone id'],
  # RSS and e-mail
  ['date: Mon, 15 Jan 2024 10:00:00 GMT', nil, 'RFC 2822 as in RSS feeds'],
  ['date: "Mon, 15 Jan 2024 10:00:00 +0000"', nil, 'RFC 2822 with +0000'],
  ['date: Sun, 14 Jan 2024 22:00:00 -0500', nil, 'RFC 2822 with -0500'],
  ['date: "Tue, 16 Jan 2024 10:00:00 EST"', nil, 'RFC 2822 with EST (a wrong weekday is ignored)'],
  # date only
  ['date: 2024-01-15', nil, 'date only, unquoted: a Psych Date'],
  ['date: "2024-01-15"', nil, 'date only, quoted'],
  ["date: '2024-01-15'", nil, 'date only, single-quoted'],
  ['date: 2024-1-5', nil, 'unpadded date'],
  ['date: " 2024-01-15 "', nil, 'spaces inside the quotes'],
  ['date: 2024/01/15', nil, 'slashes'],
  ['date: 2024.01.15', nil, 'dots'],
  ['date: 20240115', nil, 'an integer: eight digits'],
  ['date: 20240115T103000Z', nil, 'ISO basic format'],
  ['date: 2024-015', nil, 'ordinal date (day of the year)'],
  ['date: 2023-366', nil, 'day 366 of a common year'],
  ['date: 2024-W03-1', nil, 'ISO week date'],
  # impossible dates
  ['date: 2024-02-29', nil, 'a leap day'],
  ['date: 2023-02-29', nil, 'no leap day in 2023'],
  ['date: 2024-02-30', nil, 'February 30th, unquoted: no Psych Date, a String'],
  ['date: "2024-02-30"', nil, 'February 30th, quoted'],
  ['date: 2024-04-31', nil, 'April 31st'],
  ['date: 2024-02-32', nil, 'day 32'],
  ['date: 2024-13-01', nil, 'month 13'],
  ['date: 2024-00-10', nil, 'month 0'],
  ['date: 2024-01-00', nil, 'day 0'],
  ['date: 2024-02-30 10:00:00', nil, 'February 30th with a time, unquoted: Psych rolls it over'],
  ['date: "2024-02-30 10:00:00"', nil, 'the same, quoted'],
  ['date: 2024-04-31 18:00:00 -12:00', nil, "Ruby's Time.new wraps the 31st of a 30-day month"],
  ['date: 2024-01-15 25:00', nil, 'hour 25'],
  ['date: 2024-01-15 24:00', nil, 'hour 24'],
  ['date: 2024-01-15 24:00:00', nil, 'hour 24, unquoted YAML timestamp'],
  ['date: 2024-01-15 24:30', nil, 'hour 24 and a half'],
  ['date: 2024-01-15 23:59:60', nil, 'second 60'],
  ['date: "2024-01-15 10:00:61"', nil, 'second 61'],
  ['date: 2024-01-15 10:60:00', nil, 'minute 60'],
  ['date: "2024-01-15 25:00 +0800"', nil, 'hour 25 with an offset'],
  # other orders
  ['date: 2023年6月14日', nil, 'Chinese date'],
  ['date: 06/14/2023', nil, 'US month/day/year'],
  ['date: 14/06/2023', nil, 'day/month/year'],
  ['date: 06/05/2023', nil, 'ambiguous day and month'],
  ['date: 12/31/2023 11:59 PM', nil, 'US with a 12-hour time'],
  ['date: 15.01.2024', nil, 'German day.month.year'],
  ['date: 15/01/24', nil, 'two-digit year last'],
  ['date: 24-01-15', nil, 'two-digit year first'],
  ['date: 99-01-15', nil, 'two-digit year 99'],
  ['date: 68-01-15', nil, 'two-digit year 68'],
  ['date: H31.04.30', nil, 'Japanese era Heisei'],
  ['date: R06.01.15', nil, 'Japanese era Reiwa'],
  # words
  ['date: Jan 15', nil, 'no year: the year of the build'],
  ['date: 15 Jan 2024', nil, 'day month year'],
  ['date: January 15, 2024 10:00', nil, 'month day, year time'],
  ['date: "January 15, 2024 10:00 PM"', nil, '12-hour clock'],
  ['date: Jan 15th, 2024', nil, 'ordinal day'],
  ['date: 15th of January 2024', nil, 'ordinal day first'],
  ['date: 15 janvier 2024', nil, 'French month name'],
  ['date: 15 mai 2024', nil, 'French May: not a month to Ruby'],
  ['date: 15 Dezember 2024', nil, 'German December'],
  ['date: "10:00"', nil, 'a time only: the day of the build'],
  ['date: 3rd', nil, 'a day only'],
  ['date: Tuesday', nil, 'a weekday only'],
  ['date: yesterday', nil, 'a word'],
  ['date: "hello"', nil, 'not a date'],
  # YAML types
  ['date:', nil, 'empty: nil'],
  ['date: null', nil, 'null'],
  ['date: ~', nil, 'tilde'],
  ['date: ""', nil, 'empty string'],
  ['date: true', nil, 'a boolean'],
  ['date: 1705312800', nil, 'epoch seconds (10 digits)'],
  ['date: 1705312800000', nil, 'epoch milliseconds (13 digits)'],
  ['date: 2024', nil, 'a year alone (an integer)'],
  ['date: 10:00', nil, 'sexagesimal integer 600'],
  ['date: 0x1F', nil, 'hex integer 31: the 31st of the month of the build'],
  ['date: 2024.5', nil, 'a float'],
  ['date: 1.0e+15', nil, 'a float in exponent form'],
  ['date: 12345678901234567890', nil, 'a big integer'],
  # collections: Jekyll parses `to_s` of a list or mapping, which is Ruby's inspect text (`[#<Date: 2023-06-14 …>]`)
  ['date: [2023-06-14]', nil, 'a list holding one date: the inspect text still reads as that date'],
  ["date:\n  - 2023-06-14", nil, 'the same list, in block style'],
  ['date: [2023-06-14, 2023-06-15]', nil, 'a list of two dates: the first one wins'],
  ['date: [2023-06-14 10:35:00 +0800]', nil, 'a list holding a time with an offset'],
  ['date: [2023-06-14T23:30:00.000Z]', nil, 'a list holding a UTC time: the next day in Shanghai'],
  ['date: [2023-06-14 10:35]', nil, 'a list holding a string with a time: local time'],
  ['date: ["2024-02-30"]', nil, 'a list holding an impossible day: rolled over'],
  ['date: [[2023-06-14]]', nil, 'a list inside a list'],
  ['date: []', nil, 'an empty list: no time information'],
  ['date: [null]', nil, 'a list holding null: nil'],
  ['date: {day: 2023-06-14}', nil, 'a mapping holding a date'],
  ['date: {}', nil, 'an empty mapping'],
  # the range of years
  ['date: 0001-01-01', nil, 'year 1: local mean time'],
  ['date: 1800-06-01 12:00', nil, 'before standard time: local mean time +08:05:43'],
  ['date: 1582-10-10', nil, 'a day the Julian-Gregorian switch skipped'],
  ['date: 10000-01-01', nil, 'year 10000'],
  ['date: 5 Jan 2024 BC', nil, 'before Christ: year -2023'],
  ['date: "2024-01-15 10:00:00 +0800 (updated several times during the day as the story developed; see the notes at the end of the article)"', nil, 'exactly 128 bytes: the most Date._parse reads'],
  ['date: "2024-01-15 10:00:00 +0800 (updated several times during the day as the story developed; see the notes at the end of the articles)"', nil, '129 bytes: a valid date, refused for its length'],
  ['date: 99999999999 pm', nil, 'a RangeError, which Jekyll does not rescue'],
  # other site zones
  ['date: 2024-01-15 10:00:00', 'UTC', 'UTC site'],
  ['date: "2024-01-15 10:00:00"', 'America/New_York', 'New York site'],
  ['date: "2024-03-10 02:30:00"', 'America/New_York', 'in the spring-forward gap'],
  ['date: "2024-11-03 01:30:00"', 'America/New_York', 'twice in the autumn: the later one'],
  ['date: "2024-07-01 10:00 CET"', 'Europe/Berlin', 'CET in summer: the local abbreviation, fixed +01:00'],
  ['date: "2024-01-15 10:00 BST"', 'Europe/London', 'BST in winter'],
  ['date: "2024-01-15 10:00 JST"', 'Asia/Tokyo', 'JST in Japan'],
].freeze

LAYOUT = '{{ page.date | date: "%Y-%m-%d %H:%M:%S %z" }}|{{ page.url }}'

def iso(time)
  time.utc.strftime('%Y-%m-%dT%H:%M:%S.%3NZ')
end

# What Psych made of the front matter (before Jekyll touched it), in the site's zone.
def psych_value(front_matter)
  value = Jekyll::Utils.safe_load_yaml(front_matter)['date']
  { 'class' => value.class.name, 'toS' => value.to_s }
rescue StandardError => e
  { 'error' => "#{e.class}: #{e.message}" }
end

def build(line, zone)
  Dir.mktmpdir('jekyll-date-') do |dir|
    File.write(File.join(dir, '_config.yml'), "timezone: #{zone}\nfuture: true\nquiet: true\n")
    Dir.mkdir(File.join(dir, '_layouts'))
    File.write(File.join(dir, '_layouts', 'probe.html'), LAYOUT)
    Dir.mkdir(File.join(dir, '_posts'))
    front_matter = "layout: probe\ntitle: Probe\n#{line}\n"
    File.write(File.join(dir, '_posts', '2024-01-01-probe.md'), "---\n#{front_matter}---\nx\n")

    log = StringIO.new
    Jekyll.logger = Logger.new(log, formatter: proc { |_, _, _, msg| "#{msg.to_s.strip}\n" })
    Jekyll::Utils.instance_variable_set(:@parse_date_cache, {})
    ENV['TZ'] = zone
    row = { 'yaml' => line, 'timezone' => zone, 'psych' => psych_value(front_matter) }
    row['now'] = iso(Time.now)
    begin
      site = Jekyll::Site.new(Jekyll.configuration('source' => dir, 'destination' => File.join(dir, '_site'),
                                                   'disable_disk_cache' => true, 'quiet' => true))
      site.process
      post = site.posts.docs.first
      rendered, url = post.output.to_s.strip.split('|', 2)
      row.merge!('ok' => true, 'rendered' => rendered, 'url' => url)
    rescue StandardError => e
      row.merge!('ok' => false, 'error' => e.message, 'errorClass' => e.class.name)
    end
    # The temporary folder changes from run to run: name it the same way every time.
    row['log'] = log.string.gsub(File.realpath(dir), '<site>').gsub(dir, '<site>').lines.map(&:strip).reject(&:empty?)
    row
  end
end

output = ARGV[0] or abort 'usage: ruby test/oracle/jekyll-dates.rb OUTPUT.json'
started = Time.now
rows = CASES.map { |line, zone, about| build(line, zone || SITE_ZONE).merge('about' => about) }
table = {
  'generator' => 'test/oracle/jekyll-dates.rb',
  'jekyll' => Jekyll::VERSION,
  'ruby' => RUBY_VERSION,
  'date' => Date::VERSION,
  'psych' => Psych::VERSION,
  'timezone' => SITE_ZONE,
  'generatedAt' => iso(started),
  'seconds' => (Time.now - started).round(2),
  'rows' => rows,
}
File.write(output, "#{JSON.pretty_generate(table)}\n")
warn "#{rows.size} cases (#{rows.count { |r| r['ok'] }} built, #{rows.count { |r| !r['ok'] }} failed) " \
     "in #{table['seconds']} s -> #{output}"
