/**
 * The site around a post: found by walking up to the folder with `_config.yml`. Holds what the rules need from
 * Jekyll's configuration and our own `newsdesk:` settings, with the problems of a bad setting located in the file.
 */
import { posix } from 'node:path';
import { load } from 'cheerio/slim';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Document } from 'yaml';
import { DEFAULT_REQUIRED } from './defaults';
import type { Range } from './frontMatter';
import { permalinkTemplate } from './jekyll/permalink';
import { parseYamlBounded, PsychReader, resolvePlainScalar } from './jekyll/psych';
import { didYouMean } from './text/didYouMean';
import type { SeveritySetting } from './types';
import type { Workspace } from './workspace';

export { DEFAULT_REQUIRED };

export interface NewsdeskSettings {
  /** Severity overrides by rule id. */
  rules: Record<string, SeveritySetting>;
  required: string[];
  authors?: string[];
  tags?: string[];
  categories?: string[];
  /** `newsdesk: captions:`: more caption selectors, and more file-name words of images that need no caption. */
  captions?: { selectors: string[]; skip: string[] };
}

export interface SettingProblem {
  message: string;
  range: Range;
}

/** The site's `_config.yml`, parsed once with node ranges, for the config rules and the settings. */
export interface ConfigDocument {
  path: string;
  text: string;
  doc: Document;
}

export interface SiteContext {
  /** The folder holding `_config.yml`; undefined for a post outside any site. */
  root?: string;
  configPath?: string;
  timezone?: string;
  future: boolean;
  baseurl: string;
  theme?: string;
  exclude: string[];
  /** `include:`: files and folders Jekyll copies although their names start with `_` or `.`. */
  include: string[];
  /** The template of post URLs: `collections.posts.permalink` as written, else the `permalink:` style's or template. */
  postsPermalink: string;
  layouts: Set<string>;
  /** Whether a layout or include sets `<meta name="referrer" content="no-referrer">` for every page. */
  noReferrerMeta: boolean;
  /** The site's `url` (scheme and host), when `_config.yml` gives one. */
  url?: string;
  dataFiles: string[];
  /** Known authors: `newsdesk.authors`, else the keys or names in `_data/authors.yml`; undefined when none. */
  authors?: Set<string>;
  settings: NewsdeskSettings;
  /** The parsed `_config.yml`, when the site has one. */
  config?: ConfigDocument;
}

export function emptySite(): SiteContext {
  return { future: false, baseurl: '', exclude: [], include: ['.htaccess'], postsPermalink: permalinkTemplate(undefined), layouts: new Set(), noReferrerMeta: false, dataFiles: [], settings: { rules: {}, required: DEFAULT_REQUIRED } };
}

/** Walks up from a file's folder to the nearest folder holding `_config.yml`. */
export async function findSiteRoot(filePath: string, workspace: Workspace): Promise<string | undefined> {
  let dir = posix.dirname(filePath);
  for (;;) {
    if ((await workspace.stat(posix.join(dir, '_config.yml')))?.kind === 'file') return dir;
    const parent = posix.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function nodeRange(node: YamlNode | null | undefined): Range {
  const [start, end] = node?.range ?? [0, 0];
  return { offset: start, length: Math.max(1, end - start) };
}

function stringList(node: unknown): string[] | undefined {
  if (!isSeq(node)) return undefined;
  const out: string[] = [];
  for (const item of node.items) {
    if (!isScalar(item) || typeof item.value !== 'string') return undefined;
    out.push(item.value);
  }
  return out;
}

export interface RuleCatalog {
  has(id: string): boolean;
  ids(): string[];
}

const SEVERITY_WORDS = ['error', 'warning', 'info', 'hint', 'off'];

/** The `newsdesk:` settings of a parsed `_config.yml`, and the problems of the settings that were ignored. */
export function readNewsdeskSettings(doc: Document, catalog: RuleCatalog): { settings: NewsdeskSettings; problems: SettingProblem[] } {
  const settings: NewsdeskSettings = { rules: {}, required: DEFAULT_REQUIRED };
  const problems: SettingProblem[] = [];
  const section = doc.get('newsdesk', true) as YamlNode | undefined;
  if (section === undefined || section === null) return { settings, problems };
  const bad = (node: YamlNode | null | undefined, message: string) => problems.push({ message, range: nodeRange(node) });
  if (!isMap(section)) {
    bad(section, 'newsdesk: must be a mapping of settings (rules, required, authors, tags, categories). The settings are ignored until it is.');
    return { settings, problems };
  }
  for (const pair of section.items) {
    const keyNode = pair.key as YamlNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value as YamlNode | null;
    if (key === 'rules') {
      if (!isMap(value)) {
        bad(value ?? keyNode, 'newsdesk.rules must map rule ids to a severity (error, warning, info, hint or off).');
        continue;
      }
      for (const rulePair of value.items) {
        const idNode = rulePair.key as YamlNode;
        const id = isScalar(idNode) ? String(idNode.value) : '';
        const severityNode = rulePair.value as YamlNode | null;
        const raw = isScalar(severityNode) ? severityNode.value : undefined;
        // Psych reads `off` as false: accept it as the word the author meant.
        const severity = raw === false || raw === 'off' ? 'off' : typeof raw === 'string' ? raw : undefined;
        if (!catalog.has(id)) {
          const guess = didYouMean(id, catalog.ids());
          bad(idNode, `Unknown rule '${id}' in newsdesk.rules, so this setting does nothing.${guess ? ` Did you mean '${guess}'?` : ' See the rules table in the README for the ids.'}`);
          continue;
        }
        if (!severity || !SEVERITY_WORDS.includes(severity)) {
          bad(severityNode ?? idNode, `The severity of '${id}' must be one of ${SEVERITY_WORDS.join(', ')}; the rule keeps its default until this is fixed.`);
          continue;
        }
        settings.rules[id] = severity as SeveritySetting;
      }
    } else if (key === 'required' || key === 'authors' || key === 'tags' || key === 'categories') {
      const list = stringList(value);
      if (!list) {
        bad(value ?? keyNode, `newsdesk.${key} must be a list of strings, like [${key === 'required' ? 'title, date' : 'a, b'}]; it is ignored until it is.`);
        continue;
      }
      settings[key] = list;
    } else if (key === 'captions') {
      settings.captions = readCaptionSettings(value, keyNode, bad);
    } else if (key === 'new_post_template') {
      // Read by the New Post command and `newsdesk new` (core/newPost/siteConfig.ts); checked here.
      if (!isScalar(value) || typeof value.value !== 'string' || value.value.trim() === '') {
        bad(value ?? keyNode, 'newsdesk.new_post_template must be the path of a post template, relative to the site folder (like _templates/post.md); new posts get the default front matter until it is.');
      }
    } else {
      const guess = didYouMean(key, ['rules', 'required', 'authors', 'tags', 'categories', 'captions', 'new_post_template']);
      bad(keyNode, `Unknown newsdesk setting '${key}'; it does nothing.${guess ? ` Did you mean '${guess}'?` : ''}`);
    }
  }
  return { settings, problems };
}

/** `newsdesk: captions: { selectors: [...], skip: [...] }`; a selector that does not parse is reported and left out. */
function readCaptionSettings(value: YamlNode | null, keyNode: YamlNode, bad: (node: YamlNode | null | undefined, message: string) => void): NewsdeskSettings['captions'] {
  const captions = { selectors: [] as string[], skip: [] as string[] };
  if (!isMap(value)) {
    bad(value ?? keyNode, 'newsdesk.captions must be a mapping with selectors: (CSS selectors of caption elements) and skip: (file-name words of images that need no caption); it is ignored until it is.');
    return undefined;
  }
  for (const pair of value.items) {
    const node = pair.key as YamlNode;
    const name = isScalar(node) ? String(node.value) : '';
    if (name !== 'selectors' && name !== 'skip') {
      const guess = didYouMean(name, ['selectors', 'skip']);
      bad(node, `Unknown setting '${name}' in newsdesk.captions; it does nothing.${guess ? ` Did you mean '${guess}'?` : ' The settings are selectors and skip.'}`);
      continue;
    }
    const list = stringList(pair.value as YamlNode | null);
    if (!list) {
      bad((pair.value as YamlNode | null) ?? node, `newsdesk.captions.${name} must be a list of strings, like [${name === 'selectors' ? '".credit", "p.caption"' : 'thumb, badge'}]; it is ignored until it is.`);
      continue;
    }
    if (name === 'skip') captions.skip = list.filter((word) => word.trim() !== '');
    else {
      const items = isSeq(pair.value) ? (pair.value.items as YamlNode[]) : [];
      list.forEach((selector, i) => {
        if (isSelector(selector)) captions.selectors.push(selector);
        else bad(items[i] ?? (pair.value as YamlNode), `'${selector}' is not a CSS selector, so it finds no caption; it is left out. Write it as in a style sheet, like "p.caption" or ".credit > span".`);
      });
    }
  }
  return captions;
}

const probe = load('<p></p>', null, false);

/** Whether cheerio can match with this selector. */
function isSelector(selector: string): boolean {
  try {
    probe('p').is(selector);
    return selector.trim() !== '';
  } catch {
    return false;
  }
}

async function listNames(workspace: Workspace, dir: string): Promise<string[]> {
  const entries = await workspace.readDirectory(dir);
  return (entries ?? []).filter((e) => !e.isDirectory).map((e) => e.name);
}

async function readAuthors(workspace: Workspace, root: string): Promise<string[] | undefined> {
  for (const name of ['authors.yml', 'authors.yaml']) {
    const text = await workspace.readFile(posix.join(root, '_data', name));
    if (text === undefined) continue;
    // Read as Psych reads it (aliases and merges), bounded by the expanded size: a file too large to read leaves
    // the authors unknown rather than failing every post of the site.
    const { doc } = parseYamlBounded(text, { version: '1.1', uniqueKeys: false });
    if (!doc) return undefined;
    let data: unknown;
    try {
      data = new PsychReader(doc.contents, text).value(doc.contents as YamlNode | null);
    } catch {
      return undefined;
    }
    if (Array.isArray(data)) return data.map((item) => (item && typeof item === 'object' ? String((item as Record<string, unknown>).name ?? '') : String(item))).filter(Boolean);
    if (data && typeof data === 'object') {
      const names = Object.entries(data as Record<string, unknown>).flatMap(([key, value]) => {
        const display = value && typeof value === 'object' ? (value as Record<string, unknown>).name : undefined;
        return typeof display === 'string' ? [key, display] : [key];
      });
      return names;
    }
  }
  return undefined;
}

/** Parses a `_config.yml` with node ranges (YAML 1.1, duplicate keys kept for the rules to see). */
export function parseConfig(path: string, text: string): ConfigDocument {
  return { path, text, doc: parseDocument(text, { version: '1.1', uniqueKeys: false, prettyErrors: false }) };
}

/** Reads a site's configuration; a broken `_config.yml` gives the defaults (its rules say why), never an exception. */
export async function loadSite(root: string, workspace: Workspace, catalog: RuleCatalog): Promise<SiteContext> {
  const configPath = posix.join(root, '_config.yml');
  const config = parseConfig(configPath, (await workspace.readFile(configPath)) ?? '');
  const { doc } = config;
  const site = emptySite();
  site.root = root;
  site.configPath = configPath;
  site.config = config;
  if (doc.errors.length === 0 && isMap(doc.contents)) {
    const get = (key: string): unknown => {
      const node = doc.get(key, true);
      return isScalar(node) && node.type === 'PLAIN' ? resolveConfigScalar(String(node.source ?? '')) : isScalar(node) ? node.value : undefined;
    };
    const timezone = get('timezone');
    if (typeof timezone === 'string' && timezone) site.timezone = timezone;
    site.future = get('future') === true;
    const url = get('url');
    if (typeof url === 'string' && /^https?:\/\//i.test(url)) site.url = url;
    const baseurl = get('baseurl');
    site.baseurl = typeof baseurl === 'string' ? baseurl : '';
    const theme = get('theme') ?? get('remote_theme');
    if (typeof theme === 'string' && theme) site.theme = theme;
    site.exclude = stringList(doc.get('exclude', true)) ?? [];
    site.include = stringList(doc.get('include', true)) ?? site.include;
    const postsPermalink = doc.getIn(['collections', 'posts', 'permalink'], true);
    const style = get('permalink');
    if (isScalar(postsPermalink) && typeof postsPermalink.value === 'string') site.postsPermalink = postsPermalink.value;
    else if (typeof style === 'string' && style) site.postsPermalink = permalinkTemplate(style);
    site.settings = readNewsdeskSettings(doc, catalog).settings;
  }
  const layoutFiles = await listNames(workspace, posix.join(root, '_layouts'));
  site.layouts = new Set(layoutFiles.map((name) => name.replace(/\.[^.]*$/, '')));
  site.noReferrerMeta = await setsNoReferrer(workspace, root, layoutFiles);
  site.dataFiles = await listNames(workspace, posix.join(root, '_data'));
  // A data file that cannot be read as authors costs the site its author list, not its other settings.
  const authors = site.settings.authors ?? (await readAuthors(workspace, root).catch(() => undefined));
  if (authors) site.authors = new Set(authors);
  return site;
}

/** Whether a text has `<meta name="referrer" content="no-referrer">`, looking at each meta tag on its own (linear). */
function hasNoReferrerMeta(text: string): boolean {
  const lower = text.toLowerCase();
  for (let at = lower.indexOf('<meta'); at !== -1; at = lower.indexOf('<meta', at + 5)) {
    const end = lower.indexOf('>', at);
    const tag = lower.slice(at, end === -1 ? at + 1000 : Math.min(end, at + 1000));
    if (/\bname\s*=\s*["']?referrer\b/.test(tag) && /\bcontent\s*=\s*["']?no-referrer\b/.test(tag)) return true;
  }
  return false;
}

/** Whether the site's layouts (or the includes they use) set a no-referrer policy for every page. */
async function setsNoReferrer(workspace: Workspace, root: string, layouts: string[]): Promise<boolean> {
  const files = [...layouts.map((name) => posix.join(root, '_layouts', name)), ...(await listNames(workspace, posix.join(root, '_includes'))).map((name) => posix.join(root, '_includes', name))];
  for (const file of files.slice(0, 200)) {
    const text = await workspace.readFile(file);
    if (text !== undefined && hasNoReferrerMeta(text)) return true;
  }
  return false;
}

function resolveConfigScalar(source: string): unknown {
  const value = resolvePlainScalar(source);
  switch (value.kind) {
    case 'bool':
    case 'int':
    case 'float':
    case 'string':
      return value.value;
    case 'null':
      return null;
    default:
      return source;
  }
}
