/**
 * A new post: its file name (`_posts/YYYY-MM-DD-<slug>.md`, the slug by Jekyll's `Utils.slugify` in its default
 * mode, as jekyll-compose names posts) and its text (the front matter from the site's template or the default one,
 * with the title quoted so that Psych reads back exactly the title typed, and the date now in the site's zone).
 * Pure: the editor's client and the CLI read the files, call this, and write the result.
 */
import { parseFrontMatter } from '../frontMatter';
import { formatRubyLocal } from '../jekyll/jekyllDate';
import { daysInMonth } from '../jekyll/psych';
import { processTimeZone, utcOffsetAt } from '../jekyll/localTime';
import { jekyllSlugify } from '../jekyll/slugify';
import { yamlScalar } from '../rules/util';
import type { NewPostSite } from './siteConfig';

export { readNewPostSite, type NewPostSite } from './siteConfig';

/** The longest slug in UTF-8 bytes: with the date and extension the name stays well under the 255 bytes file systems allow. */
export const MAX_SLUG_BYTES = 180;

export interface NewPostRequest {
  title: string;
  /** The moment the post is written: its date (and, with `date`, its time of day). */
  now: Date;
  /** `YYYY-MM-DD`: the post's day instead of today, at the current time of day. */
  date?: string;
  site: NewPostSite;
  /** The text of the site's template (`newsdesk: new_post_template:`), when it has one. */
  template?: { path: string; text: string };
}

export type NewPostResult =
  | {
      ok: true;
      /** Relative to the site's folder, with `/`: `_posts/2024-01-15-title.md`. */
      path: string;
      text: string;
      /** The front matter's date: `2024-01-15 09:30:00 +0800`. */
      date: string;
    }
  | { ok: false; message: string };

const hex = (code: number, width: number) => code.toString(16).toUpperCase().padStart(width, '0');

/**
 * A YAML double-quoted scalar that libyaml (Psych) reads back as exactly `text`: `"` and `\` escaped, and every
 * character YAML 1.1 would take as a line break (NEL, U+2028, U+2029) or may not hold raw (controls, BOM, noncharacters)
 * written as an escape. A lone surrogate, which UTF-8 cannot hold, becomes U+FFFD.
 */
export function yamlDoubleQuoted(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${hex(code, 2)}`;
    else if (code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff) out += `\\u${hex(code, 4)}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

/** A key as written in front matter: plain when it is a simple name, else quoted. */
function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : yamlDoubleQuoted(key);
}

/** The UTF-8 length of a string. */
function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The slug of a post's file name: Jekyll's `slugify` (default mode), cut to MAX_SLUG_BYTES at a hyphen when it can. */
export function postSlug(title: string): string {
  const slug = jekyllSlugify(title, 'default');
  if (utf8Bytes(slug) <= MAX_SLUG_BYTES) return slug;
  let cut = '';
  for (const ch of slug) {
    if (utf8Bytes(cut + ch) > MAX_SLUG_BYTES) break;
    cut += ch;
  }
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > cut.length / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/, '');
}

/** `YYYY-MM-DD` as a day that exists, or undefined. */
export function parseDay(text: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** The instant of a wall-clock time in `timeZone` (the offset in force then; in a DST gap, the later offset). */
function instantOf(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  let instant = wall - utcOffsetAt(wall, timeZone) * 1000;
  instant = wall - utcOffsetAt(instant, timeZone) * 1000;
  return instant;
}

/** The front matter date: now, or `date` at the current time of day, in the zone, as `YYYY-MM-DD HH:MM:SS +ZZZZ`. */
function postDate(now: Date, timeZone: string, date?: { year: number; month: number; day: number }): string {
  const today = formatRubyLocal(now.getTime(), timeZone);
  if (!date) return today;
  const [hour, minute, second] = today.slice(11, 19).split(':').map(Number);
  return formatRubyLocal(instantOf(date.year, date.month, date.day, hour, minute, second, timeZone), timeZone);
}

/** The lines of the default front matter's fields. */
function defaultFields(title: string, date: string, site: NewPostSite): string[] {
  const lines = [`layout: ${yamlScalar(site.defaultLayout ?? 'post')}`, `title: ${yamlDoubleQuoted(title)}`, `date: ${date}`];
  for (const key of site.required) if (!['layout', 'title', 'date'].includes(key)) lines.push(`${yamlKey(key)}:`);
  return lines;
}

/** The template's front matter with the title and date set and the required keys it lacks added empty; its body kept. */
function fromTemplate(template: { path: string; text: string }, title: string, date: string, site: NewPostSite): NewPostResult {
  const text = template.text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const fm = parseFrontMatter(text);
  if (!fm) {
    // A template without front matter is the body: the fields are the default ones.
    return { ok: true, path: '', date, text: ['---', ...defaultFields(title, date, site), '---', text].join('\n') };
  }
  const broken = !fm.closeRange ? 'its front matter has no closing `---` line' : fm.syntaxErrors[0]?.message ?? (fm.notAMapping ? `its front matter is ${fm.notAMapping.kind}, not \`key: value\` fields` : undefined);
  if (broken) {
    return { ok: false, message: `The new-post template ${template.path} (newsdesk: new_post_template: in _config.yml) cannot be used: ${broken}. A post made from it would lose its front matter. Fix the template, or remove the setting to use the default front matter.` };
  }
  const edits: Array<{ offset: number; length: number; text: string }> = [];
  const set = (key: string, line: string): boolean => {
    const entries = fm.entries.filter((entry) => entry.key === key);
    entries.forEach((entry, i) => edits.push({ offset: entry.pairRange.offset, length: entry.pairRange.length, text: i === 0 ? `${line}\n` : '' }));
    return entries.length > 0;
  };
  const missing: string[] = [];
  if (!set('title', `title: ${yamlDoubleQuoted(title)}`)) missing.push(`title: ${yamlDoubleQuoted(title)}`);
  if (!set('date', `date: ${date}`)) missing.push(`date: ${date}`);
  const present = new Set(fm.entries.map((entry) => entry.key));
  // A missing title or date goes after the template's title, else its layout, else first; required keys it lacks go last.
  const after = fm.entries.find((entry) => entry.key === 'title') ?? fm.entries.find((entry) => entry.key === 'layout');
  const at = after ? after.pairRange.offset + after.pairRange.length : fm.contentRange.offset;
  if (missing.length) edits.push({ offset: at, length: 0, text: missing.map((line) => `${line}\n`).join('') });
  const end = fm.contentRange.offset + fm.contentRange.length;
  const lacking = site.required.filter((key) => !present.has(key) && key !== 'title' && key !== 'date').map((key) => `${yamlKey(key)}:\n`);
  if (lacking.length) edits.push({ offset: end, length: 0, text: (end > fm.contentRange.offset && text[end - 1] !== '\n' ? '\n' : '') + lacking.join('') });
  let out = text;
  for (const edit of edits.sort((a, b) => b.offset - a.offset)) out = out.slice(0, edit.offset) + edit.text + out.slice(edit.offset + edit.length);
  return { ok: true, path: '', date, text: out };
}

/** The file and text of a new post, or why there is none. */
export function newPost(request: NewPostRequest): NewPostResult {
  const title = request.title;
  if (title.trim() === '') return { ok: false, message: 'The title is empty: a post needs a title, and its file name is made from it.' };
  const slug = postSlug(title);
  if (slug === '') {
    return { ok: false, message: `The title '${title}' has no letter or digit to make a file name from: Jekyll needs a name after the date (_posts/YYYY-MM-DD-name.md) to build the post's URL. Give a title with at least one word.` };
  }
  let day: ReturnType<typeof parseDay>;
  if (request.date !== undefined) {
    day = parseDay(request.date);
    if (!day) return { ok: false, message: `The date '${request.date}' is not a day of the calendar: Jekyll refuses a file name with it. Write it as YYYY-MM-DD, like 2024-01-15.` };
  }
  const timeZone = request.site.timezone ?? processTimeZone();
  try {
    utcOffsetAt(request.now.getTime(), timeZone);
  } catch {
    return { ok: false, message: `The site's timezone '${timeZone}' (in _config.yml) is not a time zone name, so the post's date cannot be written in the site's time. Write an IANA name there, like Asia/Shanghai or Europe/Berlin.` };
  }
  const date = postDate(request.now, timeZone, day);
  const path = `_posts/${date.slice(0, 10)}-${slug}.md`;
  if (request.template) {
    const made = fromTemplate(request.template, title, date, request.site);
    return made.ok ? { ...made, path } : made;
  }
  return { ok: true, path, date, text: ['---', ...defaultFields(title, date, request.site), '---', '', ''].join('\n') };
}
