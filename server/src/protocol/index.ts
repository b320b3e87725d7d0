/**
 * The custom messages between the VS Code client and the language server, typed once and imported by both sides.
 * Plain data only: no `vscode` and no node imports, so that the client bundle can take it as it is.
 */

/** The server's workspace index: how many posts it has read, and the files it could not read. */
export interface IndexStatus {
  state: 'indexing' | 'ready';
  /** Post files read so far. */
  files: number;
  /** Files the index had to skip, with the reason (the first few). */
  failures: Array<{ path: string; reason: string }>;
  failureCount: number;
}

export const IndexStatusNotification = { method: 'newsdesk/indexStatus' } as const;

/** The kinds of site file the server checks, for the client's document selector and file watchers. */
export { SITE_FILE_GLOBS } from '../core/jekyll/paths';

/** The fields of a post's front matter shown above the article in the preview, as Jekyll reads them. */
export type { ArticleHeader as PreviewHeader } from '../core/render/header';
import type { ArticleHeader as PreviewHeader } from '../core/render/header';

/**
 * The site's layout around the article (`newsdesk.preview.useSiteLayout`): the layout files applied, the site's
 * local stylesheets (absolute paths of `.css` source files) and inline styles the preview may load, the `<body>`
 * class, and notes on what is not shown as published (missing layout, Sass, remote stylesheets).
 */
export type { SiteLayout as PreviewLayout } from '../core/render/layout';
import type { SiteLayout as PreviewLayout } from '../core/render/layout';

export interface RenderParams {
  uri: string;
  /** Render inside the site's layout chain: `html` is then the layout's `<body>` content, and `layout` is set. */
  layout?: boolean;
}

/** The article as the site shows it, sanitised for the preview. */
export interface RenderAnswer {
  uri: string;
  /** The version of the open document that was rendered (undefined when it was read from disk). */
  version?: number;
  html: string;
  header: PreviewHeader;
  /** A Liquid error that would stop Jekyll's build; the body is then shown without Liquid. */
  liquidError?: string;
  /** Each local image `src` in `html` and the absolute path of the file the site serves for it. */
  localImages: Record<string, string>;
  /**
   * Where the article comes from, for scroll sync, the double-click reveal and problems shown on their element:
   * `html` carries `data-line` (the document line, 0-based) on its block elements, and `data-newsdesk-image="k"` on
   * the image whose source range is `images[k]`.
   */
  images: SourceRange[];
  /** The document line the body starts on (the lines above are the front matter: the header). */
  bodyLine: number;
  /** When asked with `layout: true`: the layouts applied, the site's styles, and notes. */
  layout?: PreviewLayout;
}

/** A range of the document, as LSP writes it (0-based lines, UTF-16 characters). */
export interface SourceRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Renders a post (the open document's text, else the file on disk); null when the file is not a post or cannot be read. */
export const RenderRequest = { method: 'newsdesk/render' } as const;
