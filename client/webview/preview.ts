/**
 * The preview's script, inside the webview: builds the header from data (text only, never HTML) and patches the
 * article with morphdom, so that unchanged images are neither replaced nor requested again and the scroll stays.
 * It follows the editor's scrolling by the `data-line` of the article's blocks, reveals a line in the editor on a
 * double-click, and outlines the elements the editor's problems are about (a click selects the problem).
 */
import morphdom from 'morphdom';
import type { PreviewHeader } from '../../server/src/protocol';
import { applyHtmlDelta, type PreviewMessage, type PreviewProblem, type PreviewState, type PreviewTiming, type RenderMessage, type SiteLayoutStyle, type WebviewMessage } from './messages';

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void; getState(): PreviewState | undefined; setState(state: PreviewState): void };

const vscode = acquireVsCodeApi();
const allowHttpImages = document.body.dataset.allowHttpImages === 'true';
const article = document.getElementById('newsdesk-article') as HTMLElement;
const header = document.getElementById('newsdesk-header') as HTMLElement;
const liquidError = document.getElementById('newsdesk-liquid-error') as HTMLElement;
let state: PreviewState = vscode.getState() ?? {};
let restoredScroll = state.scrollY;
let bodyLine = 0;
/** The problems last sent, applied again after each patch (morphdom resets what the new article does not have). */
let problems: PreviewProblem[] = [];
let problemsUri: string | undefined;

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderHeader(fields: PreviewHeader): HTMLElement {
  const next = element('header', 'newsdesk-header');
  next.id = 'newsdesk-header';
  next.append(element('h1', 'newsdesk-title', fields.title ?? 'Untitled'));
  const meta = element('p', 'newsdesk-meta');
  if (fields.date) meta.append(element('time', 'newsdesk-date', fields.date));
  if (fields.author) meta.append(element('span', 'newsdesk-author', fields.author));
  if (fields.from) {
    const from = element('a', 'newsdesk-from', fields.from) as HTMLAnchorElement;
    if (/^https?:\/\//i.test(fields.from)) from.href = fields.from;
    meta.append(from);
  }
  next.append(meta);
  const lists: Array<[string, string[]]> = [['newsdesk-categories', fields.categories], ['newsdesk-tags', fields.tags]];
  for (const [className, items] of lists) {
    if (items.length === 0) continue;
    const list = element('ul', className);
    for (const item of items) list.append(element('li', '', item));
    next.append(list);
  }
  return next;
}

/** The new article, parsed inert (a template loads nothing), with local images pointed at the webview's URIs. */
const parser = new DOMParser();

function articleOf(message: RenderMessage, html: string): HTMLElement {
  // Parsed in a document of its own, with no browsing context: nothing in it loads or runs.
  const parsed = parser.parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html');
  // A srcset that names local files would be read against the webview's own address, where they are not: the
  // browser then falls back to `src`, which points at the site's file (below).
  for (const candidate of Array.from(parsed.body.querySelectorAll('img[srcset], source[srcset]'))) {
    const urls = (candidate.getAttribute('srcset') ?? '').split(',').map((part) => part.trim().split(/\s+/)[0]).filter(Boolean);
    if (urls.some((url) => !/^(?:https?:|data:)/i.test(url))) candidate.removeAttribute('srcset');
  }
  for (const image of Array.from(parsed.body.querySelectorAll('img'))) {
    const src = image.getAttribute('src');
    if (src === null) continue;
    const local = message.images[src];
    if (local !== undefined) image.setAttribute('src', local);
    else if (!allowHttpImages && /^\s*http:/i.test(src)) {
      image.removeAttribute('src');
      image.classList.add('newsdesk-blocked-image');
      image.title = `Not loaded: ${src} is plain http (setting newsdesk.preview.allowHttpImages).`;
    }
  }
  const next = document.createElement('article');
  next.id = 'newsdesk-article';
  next.className = 'newsdesk-article';
  next.append(...Array.from(parsed.body.childNodes));
  return next;
}

const PROBLEM = 'data-newsdesk-problem';
const OWN_TITLE = 'data-newsdesk-title';
const RANK = { error: 3, warning: 2, info: 1 } as const;

/** The blocks of the article with the line they come from, in document order (lines grow along it). */
function linedBlocks(): Array<{ line: number; element: HTMLElement }> {
  return Array.from(article.querySelectorAll<HTMLElement>('[data-line]'), (element) => ({ line: Number(element.dataset.line), element }));
}

/** The block made from a line: the last one that starts at or before it (the innermost, in document order). */
function blockOfLine(blocks: ReadonlyArray<{ line: number; element: HTMLElement }>, line: number): HTMLElement | undefined {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (blocks[mid].line <= line) low = mid + 1;
    else high = mid;
  }
  return (blocks[low - 1] ?? blocks[0])?.element;
}

function targetOf(problem: PreviewProblem, blocks: () => ReadonlyArray<{ line: number; element: HTMLElement }>): HTMLElement | undefined {
  const target = problem.target;
  if (target.kind === 'header') return header;
  if (target.kind === 'image') return article.querySelector<HTMLElement>(`img[data-newsdesk-image="${target.index}"]`) ?? undefined;
  return blockOfLine(blocks(), target.line);
}

/** Outlines each element with problems, its messages in the tooltip (the element's own title kept after them). */
function applyProblems(): void {
  for (const marked of Array.from(document.querySelectorAll<HTMLElement>(`[${PROBLEM}]`))) {
    marked.removeAttribute(PROBLEM);
    marked.classList.remove('newsdesk-problem', 'newsdesk-problem-error', 'newsdesk-problem-warning', 'newsdesk-problem-info');
    const own = marked.getAttribute(OWN_TITLE);
    if (own === null) marked.removeAttribute('title');
    else marked.setAttribute('title', own);
    marked.removeAttribute(OWN_TITLE);
  }
  if (problemsUri !== state.uri) return;
  const byElement = new Map<HTMLElement, PreviewProblem[]>();
  let blocks: ReturnType<typeof linedBlocks> | undefined;
  const lazyBlocks = () => (blocks ??= linedBlocks());
  for (const problem of problems) {
    const element = targetOf(problem, lazyBlocks);
    if (element) byElement.set(element, [...(byElement.get(element) ?? []), problem]);
  }
  for (const [element, list] of byElement) {
    const worst = list.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a));
    const own = element.getAttribute('title');
    if (own !== null) element.setAttribute(OWN_TITLE, own);
    element.setAttribute(PROBLEM, String(worst.id));
    element.classList.add('newsdesk-problem', `newsdesk-problem-${worst.severity}`);
    element.title = [...list.map((p) => `${p.severity === 'info' ? 'Info' : p.severity === 'error' ? 'Error' : 'Warning'}: ${p.message}`), ...(own ? [own] : [])].join('\n\n');
  }
}

/** Scrolls so that the article made from this editor line is at the top, between the blocks around it. */
function scrollToLine(line: number): void {
  if (line < bodyLine) {
    window.scrollTo(0, 0);
    return;
  }
  let previous: { line: number; element: HTMLElement } | undefined;
  let next: { line: number; element: HTMLElement } | undefined;
  for (const element of Array.from(article.querySelectorAll<HTMLElement>('[data-line]'))) {
    const at = Number(element.dataset.line);
    if (at <= line) {
      if (!previous || at > previous.line) previous = { line: at, element };
    } else if (!next || at < next.line) {
      next = { line: at, element };
      break;
    }
  }
  const top = (element: HTMLElement) => element.getBoundingClientRect().top + window.scrollY;
  if (!previous) {
    if (next) window.scrollTo(0, Math.max(0, top(next.element) - 8));
    return;
  }
  let y = top(previous.element);
  if (next && next.line > previous.line) {
    const span = top(next.element) - y;
    if (span > 0) y += (span * (line - previous.line)) / (next.line - previous.line);
  }
  window.scrollTo(0, Math.max(0, y - 8));
}

/** Our script's nonce: styles added for the site's layout carry it, as the page's CSP asks. */
const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
let siteStyleKey = '';

/** The site's stylesheets and inline styles in place of the preview's own look, or the own look back. */
function applySiteLayout(layout: SiteLayoutStyle | undefined): void {
  const key = JSON.stringify(layout ?? null);
  if (key === siteStyleKey) return;
  siteStyleKey = key;
  for (const old of Array.from(document.head.querySelectorAll('[data-newsdesk-site]'))) old.remove();
  document.documentElement.classList.toggle('newsdesk-own-style', !layout);
  document.body.className = layout?.bodyClass ?? '';
  // No referrer, as on a site that sets it for hotlinked news images, unless the site's layout says otherwise.
  document.querySelector('meta[name="referrer"]')?.setAttribute('content', layout?.referrer ?? 'no-referrer');
  if (!layout) return;
  for (const href of layout.stylesheets) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.nonce = nonce;
    link.dataset.newsdeskSite = '';
    document.head.append(link);
  }
  for (const text of layout.styles) {
    const style = document.createElement('style');
    style.nonce = nonce;
    style.textContent = text;
    style.dataset.newsdeskSite = '';
    document.head.append(style);
  }
}

/** The article HTML shown last: a render that comes as a change (`delta`) applies to it. */
let shownHtml: string | undefined;

/** Whether two elements have the same name and attributes (their children aside). */
function sameTag(from: Element, to: Element): boolean {
  if (from.nodeName !== to.nodeName || from.attributes.length !== to.attributes.length) return false;
  for (const attribute of Array.from(from.attributes)) if (to.getAttribute(attribute.name) !== attribute.value) return false;
  return true;
}

/**
 * Patches `from`'s children into `to`'s: the nodes equal at the start and at the end stay untouched (a native
 * comparison); when one element is left between on each side with the same tag, its children are patched the same
 * way; otherwise morphdom patches what lies between, node by node, or `from` whole when the counts differ. A
 * keystroke in a long article so touches the block it is in, not the thousands of elements around it.
 */
function patchChildren(from: Element, to: Element): void {
  const olds = Array.from(from.childNodes);
  const news = Array.from(to.childNodes);
  let start = 0;
  while (start < olds.length && start < news.length && olds[start].isEqualNode(news[start])) start++;
  let endOld = olds.length;
  let endNew = news.length;
  while (endOld > start && endNew > start && olds[endOld - 1].isEqualNode(news[endNew - 1])) {
    endOld--;
    endNew--;
  }
  if (endOld - start !== endNew - start) {
    morphdom(from, to, { childrenOnly: true });
    return;
  }
  for (let i = start; i < endOld; i++) {
    const old = olds[i];
    const next = news[i];
    if (old instanceof Element && next instanceof Element) {
      if (endOld - start === 1 && sameTag(old, next)) patchChildren(old, next);
      else if (old.nodeName === next.nodeName) morphdom(old, next);
      else old.replaceWith(next);
    } else if (old.nodeType === next.nodeType) old.nodeValue = next.nodeValue;
    else old.replaceWith(next);
  }
}

/** The article patched into the new one (its own id and class never change). */
function patchArticle(next: HTMLElement): void {
  patchChildren(article, next);
}

function show(message: RenderMessage): void {
  const receivedAt = Date.now();
  const html = message.html ?? (message.delta ? applyHtmlDelta(shownHtml, message.delta) : undefined);
  if (html === undefined) {
    // Reloaded since the HTML this change applies to: ask for the whole of it.
    shownHtml = undefined;
    vscode.postMessage({ type: 'resync' });
    return;
  }
  shownHtml = html;
  bodyLine = message.bodyLine;
  applySiteLayout(message.siteLayout);
  morphdom(header, renderHeader(message.header));
  // The site's layout prints its own title and byline.
  header.hidden = message.siteLayout !== undefined;
  liquidError.hidden = message.liquidError === undefined;
  liquidError.textContent = message.liquidError === undefined ? '' : `Liquid error: ${message.liquidError}. Jekyll stops the build on it; the article is shown without Liquid.`;
  const parsedAt = performance.now();
  const next = articleOf(message, html);
  const diffAt = performance.now();
  patchArticle(next);
  const doneAt = performance.now();
  const shown = state.uri;
  state = { ...state, uri: message.uri };
  vscode.setState(state);
  applyProblems();
  const stages = { parse: diffAt - parsedAt, diff: doneAt - diffAt, problems: performance.now() - doneAt };
  (window as unknown as { newsdeskTiming: PreviewTiming }).newsdeskTiming = { ...message.timing, receivedAt, patchedAt: Date.now(), stages };
  document.title = message.header.title ?? 'Newsdesk Preview';
  if (message.newDocument && shown !== message.uri) window.scrollTo(0, 0);
  if (restoredScroll !== undefined && shown === message.uri) window.scrollTo(0, restoredScroll);
  restoredScroll = undefined;
}

window.addEventListener('message', (event: MessageEvent<PreviewMessage>) => {
  const message = event.data;
  if (message.type === 'render') show(message);
  else if (message.type === 'problems') {
    problems = message.problems;
    problemsUri = message.uri;
    applyProblems();
  } else if (message.type === 'scroll') scrollToLine(message.line);
  else if (message.type === 'error') morphdom(article, Object.assign(element('article', 'newsdesk-article', message.message), { id: 'newsdesk-article' }));
});

let scrollTimer: number | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = window.setTimeout(() => vscode.setState((state = { ...state, scrollY: window.scrollY })), 100);
});

// A click on an outlined element selects its problem in the editor (instead of following a link around it).
document.addEventListener('click', (event) => {
  const marked = (event.target as Element | null)?.closest?.(`[${PROBLEM}]`);
  if (!marked) return;
  event.preventDefault();
  vscode.postMessage({ type: 'revealProblem', id: Number(marked.getAttribute(PROBLEM)) });
});

// A double-click puts the editor's cursor on the line the clicked block comes from.
document.addEventListener('dblclick', (event) => {
  const block = (event.target as Element | null)?.closest?.('[data-line]');
  if (block instanceof HTMLElement) vscode.postMessage({ type: 'revealLine', line: Number(block.dataset.line) });
  else if ((event.target as Element | null)?.closest?.('#newsdesk-header')) vscode.postMessage({ type: 'revealLine', line: 0 });
});

vscode.postMessage({ type: 'ready' });
