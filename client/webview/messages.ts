/** What the extension and the preview's webview tell each other, and what the webview keeps across reloads. */
import type { PreviewHeader } from '../../server/src/protocol';

export interface RenderMessage {
  type: 'render';
  uri: string;
  html: string;
  header: PreviewHeader;
  liquidError?: string;
  /** Local image `src` as written → the webview URI of the file. */
  images: Record<string, string>;
  /** A different post than the one shown: start at the top. */
  newDocument: boolean;
  /** The document line the body starts on: lines above it scroll the preview to the top. */
  bodyLine: number;
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
  /** A double-click: put the editor's cursor on this line. */
  | { type: 'revealLine'; line: number }
  /** A click on an element that shows a problem: select the problem in the editor. */
  | { type: 'revealProblem'; id: number };

/** The webview's saved state (`vscode.getState()`), which the serializer receives after a window reload. */
export interface PreviewState {
  uri?: string;
  scrollY?: number;
}
