#!/usr/bin/env ruby
# frozen_string_literal: true

# The oracle for post URLs: builds one tiny site per case with the real Jekyll and records the post's `url` (what
# `page.url` gives; the baseurl is not part of it). test/permalink.test.ts checks server/src/core/postUrl.ts and
# server/src/core/jekyll/permalink.ts against the table this writes.
#
#   ruby test/oracle/jekyll-permalinks.rb test/fixtures/jekyll-permalinks.json
#
# Needs Jekyll (Debian: apt-get install -y --no-install-recommends jekyll). Sites are read, not written (Site#read).

require 'jekyll'
require 'json'
require 'tmpdir'
require 'fileutils'

# [_config.yml lines after the time zone, the post's path in the site, its front matter lines, what the case is about]
CASES = [
  ['', '_posts/2024-01-15-hello.md', 'title: x', "Jekyll's default: date style"],
  ['permalink: date', '_posts/2024-01-15-hello.md', 'title: x', 'date style named'],
  ['permalink: pretty', '_posts/2024-01-15-hello.md', 'title: x', 'pretty: a folder'],
  ['permalink: ordinal', '_posts/2024-03-01-hello.md', 'title: x', 'ordinal: day of the year'],
  ['permalink: weekdate', '_posts/2024-01-15-hello.md', 'title: x', 'weekdate: ISO week and short day'],
  ['permalink: weekdate', '_posts/2021-01-02-hello.md', 'title: x', 'weekdate: a day in the last ISO week of the year before'],
  ['permalink: none', '_posts/2024-01-15-hello.md', 'title: x', 'none: no date'],
  ['permalink: /:year-:month-:day/:title', '_posts/2020-08-31-a b.md', 'title: x', "the corpus's template, a space in the name"],
  ['permalink: /:year-:month-:day/:title', '_posts/2024-01-15-hello.md', 'title: x', 'no extension: Jekyll writes hello.html'],
  ['permalink: /:short_year/:i_month/:i_day/:hour:minute:second/:title.html', '_posts/2024-01-05-hello.md', 'date: 2024-01-05 09:08:07 +0800', 'short year, months and days without zeros, time'],
  ['permalink: /:year/:short_month/:long_month/:short_day/:long_day/:w_year/:week/:w_day/:y_day/:title/', '_posts/2024-12-30-hello.md', 'title: x', 'names of months and days, ISO week year'],
  ['permalink: /:month_:day/:title', '_posts/2024-01-15-hello.md', 'title: x', 'an underscore after a placeholder'],
  ['permalink: /:categories/:slug:output_ext', '_posts/2024-01-15-Hello World.md', 'categories: [News, World]', ':slug is lower-cased, categories lower-cased'],
  ['permalink: /:collection/:name/:path/', '_posts/2024-01-15-hello.md', 'title: x', 'collection, name and path'],
  ['', '_posts/2024-01-15-Hello World.md', 'title: x', ':title keeps case, spaces become hyphens'],
  ['', '_posts/2024-01-15-新闻 标题.md', 'title: x', 'Chinese in the name: percent-encoded'],
  ['', '_posts/2024-01-15-what?.md', 'title: x', 'a question mark in the name'],
  ['', '_posts/2024-01-15-a&b (c).md', 'title: x', 'characters pretty mode keeps'],
  ['', '_posts/2024-01-15-trailing...md', 'title: x', 'trailing periods go'],
  ['', '_posts/2024-01-15-hello.md', 'slug: Other Name', 'slug: in the front matter'],
  ['', '_posts/2024-01-15-hello.md', 'categories: Breaking News', 'categories as a String: split'],
  ['', '_posts/2024-01-15-hello.md', 'category: Breaking News', 'category: one, not split'],
  ['', '_posts/2024-01-15-hello.md', "categories: [a, A, 'b c']", 'categories that differ in case: one folder'],
  ['', 'world/asia/_posts/2024-01-15-hello.md', 'categories: [zeta, asia]', 'folders above _posts come first'],
  ['', '_posts/2024-01-15-hello.md', 'date: 2024-01-15T20:00:00Z', 'a UTC evening is the next day in the site zone'],
  ['', '_posts/2024-01-15-hello.md', 'date: 2023-12-31', 'the front matter date wins'],
  ['', '_posts/2024-01-15-hello.md', 'permalink: /about/hello/', "the post's own permalink"],
  ['', '_posts/2024-01-15-hello.md', 'permalink: /news/:year/:title.html', "the post's own permalink with placeholders"],
  ['permalink: pretty', '_posts/2024-01-15-hello.md', 'permalink: /x/../y//z', 'sanitized: .. and doubled slashes'],
  ['permalink: pretty', '_posts/2024-01-15-hello.html', 'title: x', 'an HTML post'],
  ["permalink: pretty\ncollections:\n  posts:\n    permalink: /p/:title/", '_posts/2024-01-15-hello.md', 'title: x', 'collections.posts.permalink wins'],
  ['permalink: /:title', '_posts/2024-01-15-hello.md', 'title: x', 'title only'],
].freeze

def build(config_lines, post_path, front_matter)
  Dir.mktmpdir('jekyll-permalinks-') do |dir|
    File.write(File.join(dir, '_config.yml'), "timezone: Asia/Shanghai\n#{config_lines}\n")
    full = File.join(dir, post_path)
    FileUtils.mkdir_p(File.dirname(full))
    File.write(full, "---\n#{front_matter}\n---\nbody\n")
    config = Jekyll.configuration('source' => dir, 'destination' => File.join(dir, '_site'), 'quiet' => true)
    site = Jekyll::Site.new(config)
    site.read
    doc = site.posts.docs.first
    doc ? { 'url' => doc.url } : { 'error' => 'no post' }
  rescue StandardError => e
    { 'error' => "#{e.class}: #{e.message}" }
  end
end

Jekyll.logger.log_level = :error
rows = CASES.map do |config, path, front_matter, about|
  { 'config' => config, 'path' => path, 'frontMatter' => front_matter, 'about' => about }.merge(build(config, path, front_matter))
end
table = { 'jekyll' => Jekyll::VERSION, 'rows' => rows }
File.write(ARGV[0] || 'jekyll-permalinks.json', JSON.pretty_generate(table) + "\n")
