/**
 * Markdown as Jekyll 4.3 renders it with kramdown 2.4 and its GFM parser (Jekyll's default `input: GFM`,
 * `hard_wrap: false`, `auto_ids: true`, `smart_quotes` and typographic symbols on): markdown-it, configured and
 * extended where kramdown differs (../../../../docs and JEKYLL.md, "How Jekyll renders the body"):
 * - block HTML: a non-span tag at the start of a line opens raw HTML that runs to its end tag (kramdownHtml.ts);
 * - setext headings and tables only right after a blank line or the start of their container (after_block_boundary?),
 *   so a feed stamp line right before `[link](url)` over `------` leaves one paragraph;
 * - a paragraph goes on over `------` (no thematic break) and ends at a line starting with block HTML;
 * - smart quotes and dashes as kramdown's span parser makes them (typography.ts), never inside HTML or code;
 * - heading ids as the GFM parser generates them (Unicode kept, punctuation dropped, `-1`, `-2` for repeats).
 */
import MarkdownIt from 'markdown-it';
import { LAZY_END_HTML_RE, scanBlockComment, scanBlockHtml, scanSpanHtml } from './kramdownHtml';
import { annotateHtml, LINE_ATTRIBUTE, linesOf } from './sourceLines';
import { typography } from './typography';

type StateBlock = MarkdownIt.StateBlock;
type StateInline = MarkdownIt.StateInline;
type RuleBlock = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;
interface RulerInternals {
  __rules__: Array<{ name: string; fn: RuleBlock; alt: string[] }>;
}

export interface KramdownEnv {
  /** Lines that count as "after a block boundary" although the line before is not blank (after a lone tag). */
  boundaryLines?: Set<number>;
  /** Heading ids given so far, for the GFM counter. */
  ids?: Map<string, number>;
  /** The preview's navigation: the document line of a line of this Markdown; block elements then carry it. */
  documentLine?: (line: number) => number;
}

const lineText = (state: StateBlock, line: number): string => state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);

/** kramdown's after_block_boundary?: the start of the container, a blank line before, or a lone tag's line end. */
function afterBoundary(state: StateBlock, startLine: number): boolean {
  if (startLine === 0 || state.isEmpty(startLine - 1)) return true;
  if ((state.env as KramdownEnv).boundaryLines?.has(startLine)) return true;
  const last = state.tokens[state.tokens.length - 1];
  return !last || (last.nesting === 1 && (last.type === 'blockquote_open' || last.type === 'list_item_open'));
}

/** The line holding offset `pos` (at or after `from`). */
function lineOf(state: StateBlock, pos: number, from: number, endLine: number): number {
  let line = from;
  while (line < endLine - 1 && state.eMarks[line] < pos) line++;
  return line;
}

/** Block HTML and block comments, kramdown's way. */
function kramdownHtmlBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine] + state.tShift[startLine];
  if (state.src.charCodeAt(start) !== 0x3c /* < */) return false;
  const isComment = state.src.startsWith('<!--', start);
  // A comment is block HTML only at the very start of the line (kramdown scans it without OPT_SPACE).
  if (isComment && state.tShift[startLine] !== 0) return false;
  if (silent) return isComment ? false : LAZY_END_HTML_RE.test(lineText(state, startLine));
  // kramdown reads blocks from where the last one ended, mid-line too: `</p><figure>` on one line is two blocks.
  let html = '';
  let at = start;
  let lone = false;
  let comment = false;
  let last = startLine;
  for (;;) {
    let end: number | undefined;
    if (state.src.startsWith('<!--', at)) {
      end = scanBlockComment(state.src, at);
      if (end === undefined) break;
      html += state.src.slice(at, end);
      comment = true;
      lone = false;
    } else {
      const block = scanBlockHtml(state.src, at);
      if (!block) break;
      html += block.html;
      end = block.end;
      lone = block.lone;
      comment = false;
    }
    last = lineOf(state, end, last, endLine);
    const rest = state.src.slice(end, state.eMarks[last]);
    at = end + (rest.length - rest.trimStart().length);
    if (rest.trim() === '' || !state.src.startsWith('<', at) || rest.length - rest.trimStart().length > 3) break;
  }
  if (html === '') return false;
  const rest = state.src.slice(at, state.eMarks[last]);
  const token = state.push('html_block', '', 0);
  token.map = [startLine, last + 1];
  token.content = html + '\n';
  state.line = last + 1;
  if (rest.trim() !== '') {
    // What follows on the line and is not block HTML starts a paragraph there.
    state.push('paragraph_open', 'p', 1).map = [last, last + 1];
    const inline = state.push('inline', '', 0);
    inline.content = rest.trim();
    inline.map = [last, last + 1];
    inline.children = [];
    state.push('paragraph_close', 'p', -1);
  } else if (lone && !comment) {
    // The line end after a lone tag is read as a blank line; after an element or a comment it is swallowed.
    ((state.env as KramdownEnv).boundaryLines ??= new Set()).add(last + 1);
  }
  return true;
}

/** The span elements open in each paragraph being parsed. */
const openSpans = new WeakMap<object, string[]>();

/** Span HTML as kramdown reads it (replaces markdown-it's html_inline): what it cannot read as a tag is text. */
function kramdownSpanHtml(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x3c /* < */) return false;
  const open = openSpans.get(state.tokens) ?? [];
  const found = scanSpanHtml(state.src, state.pos, open);
  if (found.kind === 'text') {
    if (!silent) state.push('text', '', 0).content = found.text;
    state.pos += found.text.length;
    return true;
  }
  if (!silent) {
    state.push('html_inline', '', 0).content = found.html;
    if (found.closing) open.pop();
    else if (found.name && !found.lone) open.push(found.name);
    openSpans.set(state.tokens, open);
  }
  state.pos += found.length;
  return true;
}

/** SETEXT_HEADER_START: one line of text over `-` or `=` characters, only after a block boundary. */
function kramdownSetext(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const next = startLine + 1;
  if (next >= endLine || state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (state.sCount[next] - state.blkIndent >= 4 || state.sCount[next] < state.blkIndent) return false;
  const underline = /^([-=])[-=]*[ \t\r\f\v]*$/.exec(state.src.slice(state.bMarks[next] + state.tShift[next], state.eMarks[next]));
  // kramdown allows no indentation before the underline.
  if (!underline || state.tShift[next] !== 0) return false;
  const text = lineText(state, startLine);
  if (/^[ \t]/.test(text) || text.trim() === '') return false;
  if (!afterBoundary(state, startLine)) return false;
  if (silent) return true;
  const tag = underline[1] === '=' ? 'h1' : 'h2';
  state.push('heading_open', tag, 1).map = [startLine, next + 1];
  const inline = state.push('inline', '', 0);
  inline.content = text.trim();
  inline.map = [startLine, next + 1];
  inline.children = [];
  state.push('heading_close', tag, -1);
  state.line = next + 1;
  return true;
}

function withBoundary(rule: RuleBlock): RuleBlock {
  return (state, startLine, endLine, silent) => afterBoundary(state, startLine) && rule(state, startLine, endLine, silent);
}

/** GFM heading ids (kramdown-parser-gfm `generate_gfm_header_id`): over the heading's text after typography. */
function gfmId(text: string, env: KramdownEnv): string {
  const base = text.toLowerCase().replace(/[^\p{L}\p{M}\p{Nd}\p{Pc}\- \t]/gu, '').replace(/[ \t]/g, '-');
  const ids = (env.ids ??= new Map());
  const count = ids.get(base);
  ids.set(base, count === undefined ? 0 : count + 1);
  return count === undefined ? base : `${base}-${count + 1}`;
}

function inlineText(tokens: MarkdownIt.Token[]): string {
  let text = '';
  for (const token of tokens) {
    if (token.type === 'text' || token.type === 'code_inline') text += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += '\n';
    else if (token.type === 'image') text += inlineText(token.children ?? []);
  }
  return text;
}

/** Typography over the text tokens of each inline run; the character before a run is known only after a line break. */
function typographyRule(state: MarkdownIt.StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    applyTypography(block.children);
  }
}

function applyTypography(children: MarkdownIt.Token[]): void {
  for (let i = 0; i < children.length; i++) {
    const token = children[i];
    // An image's alt text keeps its quotes and dashes (kramdown takes it as written).
    if (token.type !== 'text') continue;
    // kramdown sees the line break before a run of text as part of it ("\n" before a quote makes it an opening one).
    const afterBreak = children[i - 1]?.type === 'softbreak';
    token.content = afterBreak ? typography('\n' + token.content).slice(1) : typography(token.content);
  }
}

function headingIds(state: MarkdownIt.StateCore): void {
  const env = state.env as KramdownEnv;
  for (let i = 0; i < state.tokens.length; i++) {
    const token = state.tokens[i];
    if (token.type !== 'heading_open' || token.attrGet('id') !== null) continue;
    const inline = state.tokens[i + 1];
    token.attrSet('id', gfmId(inlineText(inline?.children ?? []), env));
  }
}

/** `data-line` on every block element (open tags and leaf blocks), and on each element inside block HTML. */
function sourceLines(state: MarkdownIt.StateCore): void {
  const documentLine = (state.env as KramdownEnv).documentLine;
  if (!documentLine) return;
  for (const token of state.tokens) {
    if (!token.map || token.nesting === -1 || token.type === 'inline') continue;
    const first = token.map[0];
    if (token.type === 'html_block') token.content = annotateHtml(token.content, { lineAt: linesOf(token.content, (line) => documentLine(first + line)) });
    else token.attrSet(LINE_ATTRIBUTE, String(documentLine(first)));
  }
}

function rule(md: MarkdownIt, name: string): RuleBlock {
  const found = (md.block.ruler as unknown as RulerInternals).__rules__.find((r) => r.name === name);
  if (!found) throw new Error(`markdown-it has no block rule '${name}'`);
  return found.fn;
}

/** A markdown-it set up to render as kramdown does in Jekyll. */
export function createKramdown(): MarkdownIt {
  const md = new MarkdownIt('default', { html: true, xhtmlOut: true, breaks: false, linkify: false, typographer: false });
  const hr = rule(md, 'hr');
  const table = rule(md, 'table');
  // Thematic breaks and tables do not end a paragraph in kramdown; tables need a block boundary.
  md.block.ruler.at('hr', hr, { alt: ['reference', 'blockquote', 'list'] });
  md.block.ruler.at('table', withBoundary(table), { alt: [] });
  md.block.ruler.disable(['lheading', 'html_block']);
  md.block.ruler.before('table', 'kramdown_html', kramdownHtmlBlock, { alt: ['paragraph', 'reference', 'blockquote'] });
  md.block.ruler.before('paragraph', 'kramdown_setext', kramdownSetext);
  md.inline.ruler.at('html_inline', kramdownSpanHtml);
  // Before text_join: an entity or an escaped character stays its own token, which typography leaves alone and
  // which ends a run of text, as kramdown's entity and escape elements do.
  md.core.ruler.before('text_join', 'kramdown_typography', typographyRule);
  md.core.ruler.push('kramdown_ids', headingIds);
  md.core.ruler.push('source_lines', sourceLines);
  return md;
}
