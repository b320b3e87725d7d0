/** What the extension and the preview's webview tell each other, and what the webview keeps across reloads. */
import type { PreviewHeader } from '../../server/src/protocol';

export interface RenderMessage {
  type: 'render';
  uri: string;
  /** The article's HTML whole, or (`delta`) as a change of the HTML the webview was sent last. */
  html?: string;
  delta?: HtmlDelta;
  header: PreviewHeader;
  liquidError?: string;
  /** Local image `src` as written → the webview URI of the file. */
  images: Record<string, string>;
  /** A different post than the one shown: start at the top. */
  newDocument: boolean;
  /** The document line the body starts on: lines above it scroll the preview to the top. */
  bodyLine: number;
  /** With newsdesk.preview.useSiteLayout and a layout found: `html` is the layout's body, styled by the site. */
  siteLayout?: SiteLayoutStyle;
  /** When the extension saw the change, asked the server and had its answer (Date.now()), for the timing figures. */
  timing: { changedAt?: number; requestedAt: number; answeredAt: number };
}

/** What the webview keeps of the last patch (as `window.newsdeskTiming`), for the e2e suite's keystroke-to-paint figures. */
export interface PreviewTiming {
  changedAt?: number;
  requestedAt: number;
  answeredAt: number;
  receivedAt: number;
  patchedAt: number;
  /** Milliseconds spent parsing the new article, patching it in, and marking the problems. */
  stages: { parse: number; diff: number; problems: number };
}

export interface SiteLayoutStyle {
  /** The site's local stylesheets, as webview URIs. */
  stylesheets: string[];
  /** The layouts' inline styles that passed the server's CSS check. */
  styles: string[];
  /** The layout's `<body>` class (letters, digits, `_`, `-` and spaces only). */
  bodyClass?: string;
  /** The referrer policy the layout's `<meta name="referrer">` sets, in place of the preview's `no-referrer`. */
  referrer?: string;
}

/** The new HTML is the old one's first `keep` and last `keepEnd` characters with `text` between (the old one is `baseLength` long). */
export interface HtmlDelta {
  baseLength: number;
  keep: number;
  keepEnd: number;
  text: string;
}

/** The HTML `next` as a change of `base`: the common start and end are kept, what lies between is sent. */
export function htmlDelta(base: string, next: string): HtmlDelta {
  const limit = Math.min(base.length, next.length);
  let keep = 0;
  while (keep < limit && base.charCodeAt(keep) === next.charCodeAt(keep)) keep++;
  let keepEnd = 0;
  while (keepEnd < limit - keep && base.charCodeAt(base.length - 1 - keepEnd) === next.charCodeAt(next.length - 1 - keepEnd)) keepEnd++;
  return { baseLength: base.length, keep, keepEnd, text: next.slice(keep, next.length - keepEnd) };
}

/** The HTML a delta makes of `base`, or undefined when `base` is not the one it was made from. */
export function applyHtmlDelta(base: string | undefined, delta: HtmlDelta): string | undefined {
  if (base === undefined || base.length !== delta.baseLength || delta.keep + delta.keepEnd > base.length) return undefined;
  return base.slice(0, delta.keep) + delta.text + base.slice(base.length - delta.keepEnd);
}

export interface ErrorMessage {
  type: 'error';
  message: string;
}

/** A problem of the editor shown on its element: the header (front matter), an image, or the block of a line. */
export interface PreviewProblem {
  /** The extension's index of the problem, sent back when it is clicked. */
  id: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  target: { kind: 'header' } | { kind: 'image'; index: number } | { kind: 'line'; line: number };
}

export interface ProblemsMessage {
  type: 'problems';
  uri: string;
  problems: PreviewProblem[];
}

/** The editor scrolled: show the part of the article made from this line at the top. */
export interface ScrollMessage {
  type: 'scroll';
  line: number;
}

export type PreviewMessage = RenderMessage | ErrorMessage | ProblemsMessage | ScrollMessage;

/** What the webview asks of the extension. */
export type WebviewMessage =
  | { type: 'ready' }
  /** A delta came that the webview could not apply (it was reloaded meanwhile): send the whole HTML. */
  | { type: 'resync' }
  /** A double-click: put the editor's cursor on this line. */
  | { type: 'revealLine'; line: number }
  /** A click on an element that shows a problem: select the problem in the editor. */
  | { type: 'revealProblem'; id: number };

/** The webview's saved state (`vscode.getState()`), which the serializer receives after a window reload. */
export interface PreviewState {
  uri?: string;
  scrollY?: number;
}
