#!/usr/bin/env ruby
# frozen_string_literal: true

# The oracle for rendering: reads the posts of a site with the real Jekyll (kramdown, Liquid) and writes, per post,
# its body as Jekyll renders it before the layout (Document#content after rendering). Run by render-corpus.mjs, which
# builds the site in a temporary folder from the shared corpus and keeps only facts derived from these bodies.
#
#   ruby test/oracle/render-corpus.rb SITE_DIR OUT.json

require 'jekyll'
require 'json'

Jekyll.logger.log_level = :error
site_dir, out = ARGV
config = Jekyll.configuration('source' => site_dir, 'destination' => File.join(site_dir, '_site'), 'quiet' => true)
site = Jekyll::Site.new(config)
site.reset
site.read
site.generate
site.render
bodies = site.posts.docs.to_h { |doc| [File.basename(doc.path), doc.content] }
File.write(out, JSON.generate({ 'jekyll' => Jekyll::VERSION, 'bodies' => bodies }))
