/** Command-line arguments of `newsdesk`. */
export type OutputFormat = 'stylish' | 'json' | 'sarif';

export interface CheckOptions {
  format: OutputFormat;
  fix: boolean;
  config?: string;
  paths: string[];
  workers?: number;
  /** Fetch remote images (image/broken-remote, image/hotlink-blocked). */
  checkRemote: boolean;
  /** Where fetched results are kept; undefined: the default; null: no cache. */
  cacheDir?: string | null;
  /** Fetch images on loopback, private and link-local addresses too (an intranet site). */
  remoteAllowPrivate?: boolean;
  /** The most images fetched in one run (those the cache knows do not count). */
  remoteLimit?: number;
}

export interface RenderCommandOptions {
  post: string;
  /** Not sanitised: Jekyll's HTML as it is (for fidelity tests). */
  raw: boolean;
  layout: boolean;
  config?: string;
}

export interface NewCommandOptions {
  title: string;
  /** `YYYY-MM-DD`; today in the site's zone when absent. */
  date?: string;
  /** The site's folder (or a folder inside it); the current folder when absent. */
  site?: string;
}

export class UsageError extends Error {}

export const USAGE = `Usage: newsdesk check [--format stylish|json|sarif] [--fix] [--config FILE] [--workers N]
                      [--check-remote [--cache-dir DIR | --no-cache] [--remote-limit N]
                      [--remote-allow-private]] PATH...

Checks Jekyll posts as Jekyll reads them. PATH may be a file, a folder (its _posts and _drafts posts) or a glob.

  --format   stylish (default, for people), json (one array, an entry per file), sarif (SARIF 2.1.0)
  --fix      apply the fixes that are certain and write the changed files
  --config   the _config.yml to use instead of the one found above each post
  --workers  worker threads (default: one per core from 3,000 files, else one)
  --check-remote  also fetch every remote image as the published page would (with the site's Referer), and report
             the broken ones (image/broken-remote) and the ones refused for hotlinking (image/hotlink-blocked); 5xx,
             timeouts and network failures are never errors. Politely: 4 requests per host, 16 in all.
  --cache-dir  where images that loaded are remembered for 7 days (default: $XDG_CACHE_HOME/newsdesk, else
             ~/.cache/newsdesk); --no-cache fetches everything and keeps nothing
  --remote-limit  the most remote images fetched in one run (default 5,000; the cache's do not count); the rest are
             not checked, and stderr says how many. Per post, the first 200 remote images are checked.
  --remote-allow-private  also fetch images on loopback, private and link-local addresses (localhost, 10/8,
             172.16/12, 192.168/16, 169.254/16, fc00::/7, fe80::/10), refused by default: a post copied from a feed
             must not make a CI runner request its own network or the cloud metadata service

       newsdesk render [--raw] [--layout] [--config FILE] POST

Prints the article of POST as HTML, as Jekyll renders it (Liquid with site and page, includes from _includes/,
then kramdown's Markdown), sanitised as the editor's preview shows it: no scripts, event handlers or javascript:
URLs; scripts, frames, objects and forms as labelled placeholders.

  --raw      print Jekyll's HTML unsanitised (what _site would hold inside the layout)
  --layout   inside the site's layouts (the post's layout: and the ones it extends, from _layouts/): prints the
             page's <body> content, sanitised as the preview shows it; with --raw the whole page as Jekyll writes
             it. stderr lists the layouts, the site's stylesheets the preview loads, and what it cannot show (a
             missing layout, Sass that Jekyll compiles, remote stylesheets, a theme's layouts)

       newsdesk new --title TITLE [--date YYYY-MM-DD] [SITE]

Writes a new post _posts/YYYY-MM-DD-<slug>.md in SITE (default: the site around the current folder), named with
Jekyll's slug of the title, with the front matter of the site's template (newsdesk: new_post_template: in
_config.yml) or layout, title, date (now, in the site's timezone) and the keys newsdesk: required: asks for, empty.
Prints the path it wrote. Never overwrites: when the file exists, nothing is written and the exit code is 1.

  --title    the post's title, any text (quoted in the front matter so that Jekyll reads it exactly)
  --date     the post's day instead of today

Exit codes: 0 no errors, 1 errors found (render: a Liquid error, in the post or a layout; new: the post exists), 2 bad usage or an internal failure.`;

function parseRender(rest: string[]): RenderCommandOptions {
  const paths: string[] = [];
  const options: Omit<RenderCommandOptions, 'post'> = { raw: false, layout: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--raw') options.raw = true;
    else if (arg === '--layout') options.layout = true;
    else if (arg === '--config' || arg.startsWith('--config=')) {
      const value = arg.includes('=') ? arg.slice(9) : rest[++i];
      if (value === undefined) throw new UsageError('--config needs a value.');
      options.config = value;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option '${arg}'.`);
    else paths.push(arg);
  }
  if (paths.length !== 1) throw new UsageError('newsdesk render takes one post.');
  return { ...options, post: paths[0] };
}

function parseNew(rest: string[]): NewCommandOptions {
  let title: string | undefined;
  let date: string | undefined;
  const sites: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (name: string): string => {
      const given = arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : rest[++i];
      if (given === undefined) throw new UsageError(`${name} needs a value.`);
      return given;
    };
    if (arg === '--title' || arg.startsWith('--title=')) title = value('--title');
    else if (arg === '--date' || arg.startsWith('--date=')) date = value('--date');
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option '${arg}'.`);
    else sites.push(arg);
  }
  if (title === undefined || title.trim() === '') throw new UsageError('newsdesk new needs --title with the post\'s title.');
  if (sites.length > 1) throw new UsageError('newsdesk new takes one site folder.');
  return { title, date, site: sites[0] };
}

export function parseArgs(argv: string[]): { command: 'check'; options: CheckOptions } | { command: 'render'; options: RenderCommandOptions } | { command: 'new'; options: NewCommandOptions } | { command: 'help' | 'version' } {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  if (argv.includes('--version')) return { command: 'version' };
  const [command, ...rest] = argv;
  if (command === 'render') return { command: 'render', options: parseRender(rest) };
  if (command === 'new') return { command: 'new', options: parseNew(rest) };
  if (command !== 'check') throw new UsageError(`Unknown command '${command}'.`);
  const options: CheckOptions = { format: 'stylish', fix: false, paths: [], checkRemote: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (): string => {
      const next = rest[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value.`);
      return next;
    };
    if (arg === '--format' || arg.startsWith('--format=')) {
      const format = arg.includes('=') ? arg.slice(9) : value();
      if (format !== 'stylish' && format !== 'json' && format !== 'sarif') throw new UsageError(`Unknown format '${format}': use stylish, json or sarif.`);
      options.format = format;
    } else if (arg === '--fix') options.fix = true;
    else if (arg === '--config' || arg.startsWith('--config=')) options.config = arg.includes('=') ? arg.slice(9) : value();
    else if (arg === '--workers' || arg.startsWith('--workers=')) {
      const n = Number(arg.includes('=') ? arg.slice(10) : value());
      if (!Number.isInteger(n) || n < 1) throw new UsageError('--workers needs a whole number of at least 1.');
      options.workers = n;
    } else if (arg === '--check-remote') options.checkRemote = true;
    else if (arg === '--no-cache') options.cacheDir = null;
    else if (arg === '--cache-dir' || arg.startsWith('--cache-dir=')) options.cacheDir = arg.includes('=') ? arg.slice(12) : value();
    else if (arg === '--remote-allow-private') options.remoteAllowPrivate = true;
    else if (arg === '--remote-limit' || arg.startsWith('--remote-limit=')) {
      const n = Number(arg.includes('=') ? arg.slice(15) : value());
      if (!Number.isInteger(n) || n < 0) throw new UsageError('--remote-limit needs a whole number (0 or more).');
      options.remoteLimit = n;
    }
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option '${arg}'.`);
    else options.paths.push(arg);
  }
  if (options.cacheDir !== undefined && !options.checkRemote) throw new UsageError(`${options.cacheDir === null ? '--no-cache' : '--cache-dir'} only applies with --check-remote.`);
  if (options.remoteAllowPrivate && !options.checkRemote) throw new UsageError('--remote-allow-private only applies with --check-remote.');
  if (options.remoteLimit !== undefined && !options.checkRemote) throw new UsageError('--remote-limit only applies with --check-remote.');
  if (options.paths.length === 0) throw new UsageError('Give at least one file, folder or glob to check.');
  return { command: 'check', options };
}
