/** What the extension posts to the preview's webview, and what the webview keeps across reloads. */
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
}

export interface ErrorMessage {
  type: 'error';
  message: string;
}

export type PreviewMessage = RenderMessage | ErrorMessage;

/** The webview's saved state (`vscode.getState()`), which the serializer receives after a window reload. */
export interface PreviewState {
  uri?: string;
  scrollY?: number;
}
