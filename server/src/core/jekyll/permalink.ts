/**
 * A post's URL as Jekyll 4.3.1 computes it (Configuration#style_to_permalink, Jekyll::URL, Drops::UrlDrop,
 * Document#categories_from_path and #populate_categories), from plain inputs: no file system, no clock.
 * test/fixtures/jekyll-permalinks.json holds what the real Jekyll made of a table of cases.
 */
import { civilFromMs, daysFromCivil } from './localTime';
import { jekyllSlugify, permalinkTitle } from './slugify';

/** The built-in styles (`permalink: pretty` in `_config.yml`); anything else is a template. */
export const PERMALINK_STYLES: Readonly<Record<string, string>> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

/** The posts' template: a style's, or the text itself (`/:year-:month-:day/:title`); Jekyll's default is `date`. */
export function permalinkTemplate(style: string | undefined): string {
  const key = style ?? 'date';
  return Object.prototype.hasOwnProperty.call(PERMALINK_STYLES, key) ? PERMALINK_STYLES[key] : key;
}

/** The post's date as Jekyll holds it: the wall clock in the site's zone. */
export interface CivilTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** `%Y-%m-%d %H:%M:%S` at the start of a string (the `localIso` of jekyllDate). */
export function civilTimeOf(localIso: string): CivilTime | undefined {
  const m = /^(-?\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)/.exec(localIso);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  return { year, month, day, hour, minute, second };
}

export interface PostUrlInput {
  /** The template for posts (the site's style or template; see permalinkTemplate). */
  template: string;
  /** The post's own `permalink:` (a String), which wins over the template; placeholders work in it too. */
  permalink?: string;
  date: CivilTime;
  /** The file name's part after the date, before the extension (`Hello World` of `2024-01-15-Hello World.md`). */
  fileSlug: string;
  /** The front matter's `slug:` as Ruby's to_s, when it is set (not nil or false). */
  frontMatterSlug?: string;
  /** The file's base name without extension (`2024-01-15-Hello World`). */
  basename: string;
  /** The path relative to the site root without extension, as Jekyll's cleaned_relative_path input (`news/_posts/2024-01-15-x`). */
  relativePathWithoutExt: string;
  /** The categories as Jekyll merged them (folders above `_posts`, then the front matter's), before lower-casing. */
  categories: string[];
  /** `.html` for Markdown and HTML posts. */
  outputExt: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, width = 2): string => (n < 0 ? '-' : '') + String(Math.abs(n)).padStart(width, '0');

const epochDay = daysFromCivil;

/** ISO 8601 week-numbering year and week (`%G`, `%V`). */
function isoWeek(t: CivilTime): { year: number; week: number } {
  const day = epochDay(t.year, t.month, t.day);
  const weekday = (((day + 4) % 7) + 7) % 7 || 7; // 1 = Monday … 7 = Sunday
  const thursday = day + 4 - weekday;
  const thursdayYear = civilFromMs(thursday * 86_400_000).year;
  return { year: thursdayYear, week: Math.floor((thursday - epochDay(thursdayYear, 1, 1)) / 7) + 1 };
}

/** Drops::UrlDrop: the value of each placeholder. */
function placeholders(input: PostUrlInput): Record<string, string> {
  const t = input.date;
  const day = epochDay(t.year, t.month, t.day);
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  const week = isoWeek(t);
  const slugSource = input.frontMatterSlug ?? input.fileSlug.replace(/\.*$/, '');
  // cleaned_relative_path: the relative path without extension, the collection folder taken out, trailing dots gone.
  const path = input.relativePathWithoutExt.replace('_posts', '').replace(/\.*$/, '');
  const categories = [...new Set(input.categories.map((c) => c.toLowerCase()))].join('/');
  return {
    collection: 'posts',
    name: jekyllSlugify(input.basename),
    title: permalinkTitle(input.fileSlug, input.frontMatterSlug),
    slug: jekyllSlugify(slugSource),
    categories,
    year: pad(t.year, 4),
    month: pad(t.month),
    day: pad(t.day),
    hour: pad(t.hour),
    minute: pad(t.minute),
    second: pad(t.second),
    i_day: String(t.day),
    i_month: String(t.month),
    short_month: MONTHS[t.month - 1].slice(0, 3),
    long_month: MONTHS[t.month - 1],
    short_year: pad(((t.year % 100) + 100) % 100),
    w_year: pad(week.year, 4),
    week: pad(week.week),
    w_day: String(weekday || 7),
    short_day: DAYS[weekday].slice(0, 3),
    long_day: DAYS[weekday],
    y_day: pad(day - epochDay(t.year, 1, 1) + 1, 3),
    output_ext: input.outputExt,
    path,
  };
}

// Addressable's PATH character class: unreserved, sub-delims, ':', '@' and '/' stay; everything else is escaped.
const PATH_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;

/**
 * URL.escape_path: `Addressable::URI.encode(value)`, then the first `#` escaped. Addressable reads the value as a URI,
 * so a `?` starts a query and stays, as does a `#` after the first (a fragment); other characters outside the path
 * class are percent-encoded as UTF-8.
 */
export function escapePath(value: string): string {
  if (value === '' || /^[a-zA-Z0-9./-]+$/.test(value)) return value;
  let out = '';
  for (const char of value) {
    if (PATH_SAFE.test(char) || char === '?' || char === '#') out += char;
    else for (const byte of new TextEncoder().encode(char)) out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out.replace('#', '%23');
}

/**
 * The post's URL (`page.url`, without the baseurl), or undefined when Jekyll would stop on the template (a
 * placeholder it does not know raises NoMethodError).
 */
export function postUrl(input: PostUrlInput): string | undefined {
  const values = placeholders(input);
  const template = input.permalink ?? input.template;
  let unknown = false;
  // URL#generate_url_from_drop: `:name`, a name ending in `_` may also mean the name without it.
  const generated = template.replace(/:([a-z_]+)/g, (match, name: string) => {
      const pool = name.endsWith('_') ? [name, name.slice(0, -1)] : [name];
      const winner = pool.find((key) => Object.prototype.hasOwnProperty.call(values, key));
      if (winner === undefined) {
        unknown = true;
        return match;
      }
      return escapePath(values[winner]) + match.slice(1 + winner.length);
    });
  if (unknown) return undefined;
  // URL#sanitize_url.
  return ('/' + generated).split('..').join('/').split('./').join('').replace(/\/{2,}/g, '/');
}

/** The folder a browser resolves a page's relative addresses against: the URL up to its last `/`. */
export function urlDirectory(url: string): string {
  return url.slice(0, url.lastIndexOf('/') + 1);
}
