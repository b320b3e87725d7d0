/** The language server: thin wiring from LSP to the language service. Started over IPC by the client, or `--stdio`. */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { minimalEdit } from '../core/fixes';
import { classifySiteFile, POST_KINDS, SITE_KINDS } from '../core/jekyll/paths';
import { LineIndex } from '../core/position';
import type { IndexScan } from '../core/service';
import type { Fix, SeveritySetting } from '../core/types';
import { FsWorkspace } from '../node/fsWorkspace';
import { IndexStatusNotification, RenderRequest, type IndexStatus, type RenderAnswer, type RenderParams } from '../protocol';
import type { RenderResult } from '../core/service';
import { FIX_ALL_KIND_NAME, toDiagnostic, toLspEdit } from './convert';
import { codeActionRequest, lspFixesOf } from './params';
import { DocumentScheduler } from './scheduler';
import type { RemoteImageRequest } from '../core/remote';
import { RemoteImageWatch } from './remoteImages';
import { COMPLETION_TRIGGERS, toCompletionItem } from './completion';
import type { Completion } from '../core/completion';
import { serveLanguageService, ServiceClient, type RemoteResult } from './serviceHost';
import type { OutlineSymbol } from '../core/outline';
import type { HoverResult } from '../core/hover';
import { toDocumentSymbols } from './symbols';

export const FIX_ALL_KIND = FIX_ALL_KIND_NAME;
const DEBOUNCE_MS = 120;
/**
 * Remote images are fetched once a document has been quiet this long after its last publish: while an address is
 * typed, its partial forms (`https://e`, `https://ex`, ...) are never requested.
 */
const REMOTE_QUIET_MS = 1_500;

interface EditorSettings {
  rules?: Record<string, SeveritySetting>;
  /** Sent true by the client only in a trusted workspace. */
  images?: { checkRemote?: boolean; allowPrivateAddresses?: boolean };
}

function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri).replace(/\\/g, '/') : undefined;
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const disk = new FsWorkspace();
  // The language service runs in a worker thread: a long check never blocks this thread (typing, other requests).
  const host = new ServiceClient(__filename, (message) => connection.console.error(message));
  // Relative to the workspace folder that holds the file: what lies above it says nothing about the site.
  const classify = (path: string) => classifySiteFile(path, workspaceFolders.find((folder) => path.startsWith(folder.replace(/\/$/, '') + '/')));
  // A failure while checking one document is logged; the server and the other documents go on.
  const scheduler = new DocumentScheduler(DEBOUNCE_MS, (uri, error) => connection.console.error(`Checking ${uri} failed: ${errorText(error)}`));
  const settingsCache = new Map<string, Promise<EditorSettings>>();
  /** Site files (config, data) whose problems are published without the file being open. */
  const publishedSiteFiles = new Set<string>();
  let canReadConfiguration = false;
  let workspaceFolders: string[] = [];
  /** Created at initialize, with the cache folder the client gives (VS Code: the extension's global storage). */
  let remoteImages: RemoteImageWatch | undefined;
  /** Per document: the timer that starts its remote fetch, and the fetch under way (aborted by a newer version). */
  const remoteTimers = new Map<string, NodeJS.Timeout>();
  const remoteFetches = new Map<string, AbortController>();

  async function settingsFor(uri: string): Promise<EditorSettings> {
    if (!canReadConfiguration) return {};
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = connection.workspace.getConfiguration({ scopeUri: uri, section: 'newsdesk' }).then(
        (value: unknown) => (value && typeof value === 'object' ? (value as EditorSettings) : {}),
        () => ({}),
      );
      settingsCache.set(uri, settings);
    }
    return settings;
  }

  /** The problems of an open document, or undefined when it is not a file the server checks. */
  async function check(document: TextDocument): Promise<RemoteResult | undefined> {
    const path = uriToPath(document.uri);
    if (!path) return undefined;
    const kind = classify(path).kind;
    if (!POST_KINDS.has(kind) && !SITE_KINDS.has(kind)) return undefined;
    const settings = await settingsFor(document.uri);
    const remote = settings.images?.checkRemote === true ? remoteImages?.factsFor(document.uri) : undefined;
    const result = await host.call<RemoteResult | undefined>({ op: 'check', document: { path, text: document.getText(), version: document.version }, overrides: settings.rules, remote });
    // The index learns the post's source from the check itself: no second parse of a large text.
    if (result && POST_KINDS.has(kind)) host.tell({ op: 'indexSet', path, url: result.source, facets: result.facets });
    return result;
  }

  function validate(document: TextDocument): void {
    const version = document.version;
    scheduler.schedule(document.uri, async (token) => {
      const result = await check(document);
      const current = documents.get(document.uri);
      // A newer version arrived while this one was checked: its own run will publish.
      if (token.isCancellationRequested || !current || current.version !== version || !result) return;
      const lines = new LineIndex(result.text);
      const diagnostics: Diagnostic[] = result.problems.map((p) => toDiagnostic(p, lines, version));
      await connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
      scheduleRemoteImages(document, version);
    });
  }

  /** (Re)starts the quiet-time timer of a document's remote fetch. */
  function scheduleRemoteImages(document: TextDocument, version: number): void {
    clearTimeout(remoteTimers.get(document.uri));
    remoteTimers.set(
      document.uri,
      setTimeout(() => {
        remoteTimers.delete(document.uri);
        void checkRemoteImages(document, version);
      }, REMOTE_QUIET_MS),
    );
  }

  /** A newer version or a close: no fetch starts for the older one, and its queued requests are dropped. */
  function stopRemoteImages(uri: string): void {
    clearTimeout(remoteTimers.get(uri));
    remoteTimers.delete(uri);
    remoteFetches.get(uri)?.abort();
    remoteFetches.delete(uri);
  }

  /** After the diagnostics are out: the document's remote images, fetched in the background when the setting is on. */
  async function checkRemoteImages(document: TextDocument, version: number): Promise<void> {
    const path = uriToPath(document.uri);
    const images = (await settingsFor(document.uri)).images;
    if (!path || !remoteImages || images?.checkRemote !== true) return;
    const isCurrent = () => documents.get(document.uri)?.version === version;
    // Any controller still held is this version's (a newer version aborts and drops it): a second fetch shares it.
    let fetch = remoteFetches.get(document.uri);
    if (!fetch) remoteFetches.set(document.uri, (fetch = new AbortController()));
    try {
      const requests = await host.call<RemoteImageRequest[]>({ op: 'remoteRequests', document: { path, text: document.getText(), version } });
      if (requests.length && isCurrent() && !fetch.signal.aborted) {
        await remoteImages.refresh(document.uri, requests, isCurrent, () => validate(document), images.allowPrivateAddresses === true, fetch.signal);
      }
    } catch (error) {
      connection.console.error(`Checking the remote images of ${document.uri} failed: ${errorText(error)}`);
    }
  }

  /** Publishes the problems of every site's `_config.yml` and `_data` files that are not open, so they show at start. */
  async function publishSiteProblems(): Promise<void> {
    const seen = new Set<string>();
    for (const folder of workspaceFolders) {
      for (const config of await host.call<string[]>({ op: 'listSiteFiles', folder, kinds: ['config'] })) {
        const root = config.slice(0, config.lastIndexOf('/'));
        const settings = await settingsFor(pathToUri(config));
        for (const result of await host.call<RemoteResult[]>({ op: 'checkSite', root, overrides: settings.rules })) {
          const uri = pathToUri(result.path);
          seen.add(uri);
          if (documents.get(uri)) continue; // an open document publishes its own
          publishedSiteFiles.add(uri);
          const lines = new LineIndex(result.text);
          await connection.sendDiagnostics({ uri, diagnostics: result.problems.map((p) => toDiagnostic(p, lines)) });
        }
      }
    }
    for (const uri of publishedSiteFiles) {
      if (seen.has(uri)) continue;
      publishedSiteFiles.delete(uri);
      await connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  function sendIndexStatus(status: IndexStatus): void {
    void connection.sendNotification(IndexStatusNotification.method, status).catch(() => undefined);
  }

  async function buildIndex(): Promise<void> {
    const started = Date.now();
    sendIndexStatus({ state: 'indexing', files: 0, failures: [], failureCount: 0 });
    host.onProgress = (files) => sendIndexStatus({ state: 'indexing', files, failures: [], failureCount: 0 });
    const scan = await host.call<IndexScan>({ op: 'indexScan', folders: workspaceFolders });
    for (const failure of scan.failures.slice(0, 20)) connection.console.warn(`Not indexed: ${failure.path}: ${failure.reason}`);
    sendIndexStatus({ state: 'ready', files: scan.files, failures: scan.failures.slice(0, 20), failureCount: scan.failures.length });
    connection.console.log(`Indexed ${scan.files} posts in ${Date.now() - started} ms${scan.failures.length ? ` (${scan.failures.length} could not be read)` : ''}.`);
  }

  connection.onInitialize((params) => {
    canReadConfiguration = params.capabilities?.workspace?.configuration === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = folders.map(uriToPath).filter((p): p is string => p !== undefined);
    const init = params.initializationOptions as { cacheDir?: unknown } | undefined;
    remoteImages = new RemoteImageWatch(typeof init?.cacheDir === 'string' ? init.cacheDir : undefined, (message) => connection.console.warn(message));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        hoverProvider: true,
      },
      serverInfo: { name: 'Jekyll Newsdesk' },
    };
  });

  connection.onInitialized(() => {
    if (canReadConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    // Open posts are checked at once; site problems and, once the index of the other posts is ready, duplicates follow.
    void publishSiteProblems()
      .catch((error: unknown) => connection.console.error(`Checking the site files failed: ${errorText(error)}`))
      .then(() => buildIndex())
      .catch((error: unknown) => connection.console.error(`Indexing the workspace stopped early: ${errorText(error)}`))
      .then(() => documents.all().forEach(validate));
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    documents.all().forEach(validate);
    void publishSiteProblems().catch((error: unknown) => connection.console.error(`Checking the site files failed: ${errorText(error)}`));
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    let siteChanged = false;
    for (const change of Array.isArray(params?.changes) ? params.changes : []) {
      const path = typeof change?.uri === 'string' ? uriToPath(change.uri) : undefined;
      if (!path) continue;
      host.tell({ op: 'invalidate', path });
      const kind = classify(path).kind;
      if (SITE_KINDS.has(kind) || kind === 'layout') siteChanged = true;
      if (POST_KINDS.has(kind) && !documents.get(change.uri)) {
        if (change.type === FileChangeType.Deleted) host.tell({ op: 'indexUpdate', path, text: undefined });
        else {
          const read = await disk.read(path);
          host.tell({ op: 'indexUpdate', path, text: read.ok ? read.text : undefined });
        }
      }
    }
    if (siteChanged) void publishSiteProblems().catch((error: unknown) => connection.console.error(`Checking the site files failed: ${errorText(error)}`));
    documents.all().forEach(validate);
  });

  documents.onDidOpen((event) => validate(event.document));
  documents.onDidChangeContent((event) => {
    stopRemoteImages(event.document.uri);
    const path = uriToPath(event.document.uri);
    if (path && (SITE_KINDS.has(classify(path).kind) || classify(path).kind === 'layout')) {
      // A site file changed: the checker reads its unsaved text, and every open post of that site is checked again.
      host.tell({ op: 'open', path, text: event.document.getText() });
      host.tell({ op: 'invalidate', path });
      documents.all().forEach(validate);
      return;
    }
    validate(event.document);
  });
  documents.onDidClose((event) => {
    scheduler.cancel(event.document.uri);
    stopRemoteImages(event.document.uri);
    const path = uriToPath(event.document.uri);
    remoteImages?.forget(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    if (!path) return;
    host.tell({ op: 'forget', path });
    const kind = classify(path).kind;
    // The index keeps what is on disk, not the unsaved text that was just discarded.
    if (POST_KINDS.has(kind)) void disk.read(path).then((read) => host.tell({ op: 'indexUpdate', path, text: read.ok ? read.text : undefined }));
    if (SITE_KINDS.has(kind) || kind === 'layout') {
      // The unsaved text is gone: the site is read from disk again, and its problems shown without the file open.
      host.tell({ op: 'invalidate', path });
      documents.all().forEach(validate);
      void publishSiteProblems().catch((error: unknown) => connection.console.error(`Checking the site files failed: ${errorText(error)}`));
    }
  });

  async function codeActions(raw: CodeActionParams): Promise<CodeAction[]> {
    const request = codeActionRequest(raw);
    if (!request) return [];
    const document = documents.get(request.uri);
    const path = uriToPath(request.uri);
    if (!document || !path) return [];
    const text = document.getText();
    const lines = new LineIndex(text);
    const ref = { path, text, version: document.version };
    const actions: CodeAction[] = [];
    if (request.wantsQuickFix) {
      // Positions to offsets, then all fixes verified against the current text in one request: a fix that would not
      // read as meant is dropped.
      const offered = request.diagnostics.flatMap((diagnostic) =>
        lspFixesOf(diagnostic, document.version).map((fix) => ({
          diagnostic,
          fix: {
            title: fix.title,
            preferred: fix.preferred,
            expect: fix.expect,
            edits: fix.edits.map((e) => {
              const offset = lines.offsetAt(e.range.start);
              return { offset, length: lines.offsetAt(e.range.end) - offset, newText: e.newText };
            }),
          } satisfies Fix,
        })),
      );
      const safe = offered.length ? await host.call<boolean[]>({ op: 'safeFixes', document: ref, fixes: offered.map((o) => o.fix) }) : [];
      offered.forEach(({ diagnostic, fix }, i) => {
        if (!safe[i]) return;
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred,
          edit: { changes: { [document.uri]: fix.edits.map((e) => toLspEdit(e, lines)) } },
        });
      });
    }
    if (request.wantsFixAll) {
      const settings = await settingsFor(document.uri);
      const remote = settings.images?.checkRemote === true ? remoteImages?.factsFor(document.uri) : undefined;
      const fixed = await host.call<string | undefined>({ op: 'fixAll', document: ref, overrides: settings.rules, remote });
      if (fixed !== undefined) {
        actions.push({ title: 'Fix all certain Newsdesk problems', kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: [toLspEdit(minimalEdit(text, fixed), lines)] } } });
      }
    }
    return actions;
  }

  connection.onCodeAction(async (params) => {
    try {
      return await codeActions(params);
    } catch (error) {
      connection.console.error(`Code actions failed: ${errorText(error)}`);
      return [];
    }
  });

  /** The preview's render of a post: the open document's text, else the file on disk; null for other files. */
  async function render(params: RenderParams): Promise<RenderAnswer | null> {
    const uri = typeof params?.uri === 'string' ? params.uri : '';
    const path = uriToPath(uri);
    if (!path || !POST_KINDS.has(classify(path).kind)) return null;
    const document = documents.get(uri);
    let text = document?.getText();
    if (text === undefined) {
      const read = await disk.read(path);
      if (!read.ok) return null;
      text = read.text;
    }
    const version = document?.version;
    const layout = params?.layout === true;
    const result = await host.call<RenderResult>({ op: 'render', document: { path, text, version }, layout });
    const lines = new LineIndex(text);
    const images = (result.images ?? []).map((range) => ({ start: lines.positionAt(range.offset), end: lines.positionAt(range.offset + range.length) }));
    return { uri, version, html: result.html, header: result.header, liquidError: result.liquidError, localImages: result.localImages, images, bodyLine: result.bodyLine, ...(result.layout ? { layout: result.layout } : {}) };
  }

  // The render runs in a checker thread (the one that does not check this document), never in this one: typing and publishing go on meanwhile.
  connection.onRequest(RenderRequest.method, async (params: RenderParams) => {
    try {
      return await render(params);
    } catch (error) {
      connection.console.error(`Rendering ${String(params?.uri)} failed: ${errorText(error)}`);
      return null;
    }
  });

  // The outline of an open post: front-matter fields, headings, figures.
  connection.onDocumentSymbol(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const path = uriToPath(params.textDocument.uri);
    if (!document || !path || !POST_KINDS.has(classify(path).kind)) return [];
    try {
      const text = document.getText();
      const symbols = await host.call<OutlineSymbol[]>({ op: 'outline', document: { path, text, version: document.version } });
      return toDocumentSymbols(symbols, new LineIndex(text));
    } catch (error) {
      connection.console.error(`The outline of ${params.textDocument.uri} failed: ${errorText(error)}`);
      return [];
    }
  });

  // What Jekyll makes of the front-matter field under the cursor (core/hover.ts: one function per key).
  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const path = uriToPath(params.textDocument.uri);
    if (!document || !path || !POST_KINDS.has(classify(path).kind)) return null;
    try {
      const text = document.getText();
      const lines = new LineIndex(text);
      const hover = await host.call<HoverResult | undefined>({ op: 'hover', document: { path, text, version: document.version }, offset: lines.offsetAt(params.position) });
      if (!hover) return null;
      return { contents: { kind: 'markdown' as const, value: hover.contents }, range: { start: lines.positionAt(hover.range.offset), end: lines.positionAt(hover.range.offset + hover.range.length) } };
    } catch (error) {
      connection.console.error(`The hover in ${params.textDocument.uri} failed: ${errorText(error)}`);
      return null;
    }
  });

  connection.onCompletion(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const path = uriToPath(params.textDocument.uri);
    if (!document || !path) return [];
    try {
      const text = document.getText();
      const lines = new LineIndex(text);
      const completions = await host.call<Completion[]>({ op: 'complete', document: { path, text, version: document.version }, offset: lines.offsetAt(params.position) });
      return completions.map((c) => toCompletionItem(c, lines));
    } catch (error) {
      connection.console.error(`Completions in ${params.textDocument.uri} failed: ${errorText(error)}`);
      return [];
    }
  });

  // A checker thread that had to be started again has an empty index: scan again, then check the open documents.
  host.onRestart = () => void buildIndex().catch(() => undefined).then(() => documents.all().forEach(validate));
  connection.onShutdown(() => host.close());

  documents.listen(connection);
  connection.listen();
}

if (!isMainThread && parentPort && (workerData as { role?: string } | undefined)?.role === 'newsdesk-service') serveLanguageService(parentPort);
else if (require.main === module) startServer(createConnection());
