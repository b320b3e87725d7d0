/**
 * The preview's script, inside the webview: builds the header from data (text only, never HTML) and patches the
 * article with morphdom, so that unchanged images are neither replaced nor requested again and the scroll stays.
 */
import morphdom from 'morphdom';
import type { PreviewHeader } from '../../server/src/protocol';
import type { PreviewMessage, PreviewState, RenderMessage } from './messages';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): PreviewState | undefined; setState(state: PreviewState): void };

const vscode = acquireVsCodeApi();
const allowHttpImages = document.body.dataset.allowHttpImages === 'true';
const article = document.getElementById('newsdesk-article') as HTMLElement;
const header = document.getElementById('newsdesk-header') as HTMLElement;
const liquidError = document.getElementById('newsdesk-liquid-error') as HTMLElement;
let state: PreviewState = vscode.getState() ?? {};
let restoredScroll = state.scrollY;

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
function articleOf(message: RenderMessage): HTMLElement {
  const template = document.createElement('template');
  template.innerHTML = message.html;
  for (const image of Array.from(template.content.querySelectorAll('img'))) {
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
  next.append(template.content);
  return next;
}

function show(message: RenderMessage): void {
  morphdom(header, renderHeader(message.header));
  liquidError.hidden = message.liquidError === undefined;
  liquidError.textContent = message.liquidError === undefined ? '' : `Liquid error: ${message.liquidError}. Jekyll stops the build on it; the article is shown without Liquid.`;
  morphdom(article, articleOf(message));
  document.title = message.header.title ?? 'Newsdesk Preview';
  if (message.newDocument && state.uri !== message.uri) window.scrollTo(0, 0);
  if (restoredScroll !== undefined && state.uri === message.uri) window.scrollTo(0, restoredScroll);
  restoredScroll = undefined;
  state = { ...state, uri: message.uri };
  vscode.setState(state);
}

window.addEventListener('message', (event: MessageEvent<PreviewMessage>) => {
  const message = event.data;
  if (message.type === 'render') show(message);
  else if (message.type === 'error') morphdom(article, Object.assign(element('article', 'newsdesk-article', message.message), { id: 'newsdesk-article' }));
});

let scrollTimer: number | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = window.setTimeout(() => vscode.setState((state = { ...state, scrollY: window.scrollY })), 100);
});

vscode.postMessage({ type: 'ready' });
