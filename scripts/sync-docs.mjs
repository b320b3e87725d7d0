// Generates, from the rule registry, the settings schema in package.json, the rules table in README.md and
// docs/rules.md. `--check` changes nothing and exits 1 when any of them drifted (the tests run it).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { RULES } = require('../out/server/src/core/rules/index.js');
// The anchors the diagnostics link to (codeDescription.href): the README links the same sections.
const { githubAnchor } = require('../out/server/src/core/ruleDocs.js');
const check = process.argv.includes('--check');
const root = new URL('../', import.meta.url);
const drifted = [];

function update(file, next) {
  const url = new URL(file, root);
  const current = readFileSync(url, 'utf8');
  if (current === next) return;
  if (check) drifted.push(file);
  else writeFileSync(url, next);
}

const anchor = (id) => githubAnchor(id);
const severities = ['error', 'warning', 'info', 'hint', 'off'];

// package.json: newsdesk.rules, one property per rule, with its default and docs.
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
pkg.contributes ??= {};
pkg.contributes.configuration = {
  title: 'Jekyll Newsdesk',
  properties: {
    'newsdesk.rules': {
      type: 'object',
      scope: 'resource',
      default: {},
      markdownDescription:
        'Severity per rule, overriding `newsdesk: rules:` in the site\'s `_config.yml` for this editor only. Prefer `_config.yml`, so that the CLI and other editors agree. See the [rules](https://github.com/jekyll-newsdesk/jekyll-newsdesk/blob/main/docs/rules.md).',
      properties: Object.fromEntries(
        RULES.map((rule) => [rule.id, { type: 'string', enum: severities, default: rule.defaultSeverity, markdownDescription: `${rule.description}. ${rule.docs}` }]),
      ),
      additionalProperties: false,
    },
    'newsdesk.images.checkRemote': {
      type: 'boolean',
      scope: 'resource',
      default: false,
      markdownDescription:
        'Fetch the remote images of open posts, as the published page loads them, and report the broken ones (`image/broken-remote`) and the ones refused for hotlinking (`image/hotlink-blocked`). Off by default and never in an untrusted workspace (a post would make your editor request the addresses it names). Diagnostics appear at once without these problems, and the results follow in the background; images that loaded are remembered for 7 days. Server errors, timeouts and no network are never reported.',
    },
    'newsdesk.images.allowPrivateAddresses': {
      type: 'boolean',
      scope: 'resource',
      default: false,
      markdownDescription:
        'With `newsdesk.images.checkRemote`, also fetch images on loopback, private and link-local addresses (`localhost`, 10/8, 172.16/12, 192.168/16, 169.254/16, fc00::/7, fe80::/10), for a site whose images live on an intranet. Off by default, and never in an untrusted workspace: a post copied from a feed would otherwise make your editor request your own network or a cloud metadata service. The address a name resolves to is what counts, for every redirect too.',
    },
    'newsdesk.preview.allowHttpImages': {
      type: 'boolean',
      scope: 'window',
      default: false,
      markdownDescription:
        'Load images over plain `http:` in the preview. Off by default: the preview loads remote images over `https:` only, so a post does not make your editor send unencrypted requests (a network on the way sees which articles you edit). Images that are not loaded are marked in the preview.',
    },
    'newsdesk.preview.useSiteLayout': {
      type: 'boolean',
      scope: 'window',
      default: false,
      markdownDescription:
        'Show the article inside the site\'s own layouts (the post\'s `layout:` in `_layouts/` and the layouts it extends, rendered with Liquid as Jekyll does) with the site\'s local `.css` stylesheets. The page is sanitised like the article (no scripts, frames or forms). Not supported: Sass (`.scss`/`.sass` that Jekyll compiles to CSS), stylesheets and layouts made by plugins, a theme\'s layouts and styles (`theme:` gems), remote stylesheets (never loaded), and `site.posts` and other lists in the layouts (empty).',
    },
    'newsdesk.trace.server': {
      type: 'string',
      scope: 'window',
      enum: ['off', 'messages', 'verbose'],
      default: 'off',
      markdownDescription: 'Logs the messages between VS Code and the Newsdesk language server in the **Jekyll Newsdesk** output channel.',
    },
  },
};
update('package.json', JSON.stringify(pkg, null, 2) + '\n');

// README: the rules table between markers.
const table = [
  '| Rule | Default | What it catches |',
  '| --- | --- | --- |',
  ...RULES.map((rule) => `| [\`${rule.id}\`](docs/rules.md#${anchor(rule.id)}) | ${rule.defaultSeverity} | ${rule.description.replace(/\|/g, '\\|')} |`),
].join('\n');
const readme = readFileSync(new URL('README.md', root), 'utf8');
const start = '<!-- rules:start -->';
const end = '<!-- rules:end -->';
if (!readme.includes(start) || !readme.includes(end)) throw new Error('README.md lacks the rules markers');
update('README.md', readme.slice(0, readme.indexOf(start) + start.length) + '\n' + table + '\n' + readme.slice(readme.indexOf(end)));

// docs/rules.md: one section per rule.
mkdirSync(new URL('docs/', root), { recursive: true });
const docs = [
  '# Rules',
  '',
  'Generated from the rule registry (`server/src/core/rules/`) by `node scripts/sync-docs.mjs`; do not edit by hand.',
  'Set a rule\'s severity, or `off`, in `_config.yml` under `newsdesk: rules:`.',
  '',
  ...RULES.flatMap((rule) => [`## ${rule.id}`, '', `**${rule.description}.** Default severity: \`${rule.defaultSeverity}\`.`, '', rule.docs, '']),
].join('\n');
try {
  update('docs/rules.md', docs);
} catch {
  if (check) drifted.push('docs/rules.md');
  else writeFileSync(new URL('docs/rules.md', root), docs);
}

if (drifted.length) {
  console.error(`Out of date with the rule registry: ${drifted.join(', ')}. Run: npx tsc -b && node scripts/sync-docs.mjs`);
  process.exit(1);
}
