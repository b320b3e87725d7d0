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
