/** The language server: thin wiring from LSP to the pure core. Started over IPC by the client, or `--stdio`. */
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintConfig } from '../core/config';
import { fixAllText, isSafeToFix, lintPost, minimalEdit } from '../core/lint';
import { LineIndex } from '../core/position';
import { parsePost, PostCache } from '../core/post';
import { SiteCache } from '../core/sites';
import { SourceIndex } from '../core/sourceIndex';
import type { Cancellation, Problem, SeveritySetting } from '../core/types';
import { FsWorkspace, findPostFiles } from '../node/fsWorkspace';
import type { Workspace } from '../core/workspace';
import { toDiagnostic, toLspEdit, type DiagnosticData } from './convert';
import { DocumentScheduler } from './scheduler';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.newsdesk`;
const DEBOUNCE_MS = 120;

interface EditorSettings {
  rules?: Record<string, SeveritySetting>;
}

function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri).replace(/\\/g, '/') : undefined;
  } catch {
    return undefined;
  }
}

function isSiteFile(path: string): boolean {
  return /\/(_config\.yml|_data\/.*|_layouts\/.*)$/.test(path);
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const disk = new FsWorkspace();
  // Open documents win over the disk, so that an unsaved _config.yml or layout is what the checks see.
  const workspace: Workspace = {
    readFile: async (file) => {
      const open = documents.get(pathToUri(file));
      return open ? open.getText() : disk.readFile(file);
    },
    readDirectory: (dir) => disk.readDirectory(dir),
  };
  const sites = new SiteCache(workspace);
  const posts = new PostCache();
  const sources = new SourceIndex();
  // A failure while checking one document is logged; the server and the other documents go on.
  const scheduler = new DocumentScheduler(DEBOUNCE_MS, (uri, error) =>
    connection.console.error(`Checking ${uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
  );
  const settingsCache = new Map<string, Promise<EditorSettings>>();
  const failedRules = new Set<string>();
  let canReadConfiguration = false;
  let workspaceFolders: string[] = [];

  const log = (message: string) => connection.console.log(message);

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

  function onRuleError(ruleId: string, error: unknown): void {
    if (failedRules.has(ruleId)) return;
    failedRules.add(ruleId);
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    connection.console.error(`Rule ${ruleId} failed; the other rules still report. ${detail}`);
  }

  async function problemsFor(document: TextDocument, token?: Cancellation): Promise<{ problems: Problem[]; lines: LineIndex } | undefined> {
    const path = uriToPath(document.uri);
    if (!path) return undefined;
    const settings = await settingsFor(document.uri);
    const site = await sites.siteFor(path);
    if (/(^|\/)_config\.yml$/.test(path)) {
      return { problems: lintConfig(site, settings.rules), lines: new LineIndex(document.getText()) };
    }
    const post = posts.get(path, document.getText(), document.version);
    // Layouts, includes and pages are not posts: only posts, drafts and collection documents are checked.
    if (post.file.place === 'other') return { problems: [], lines: post.lines };
    sources.set(path, sourceValue(post));
    const problems = lintPost(post, { site, index: sources, severityOverrides: settings.rules, onRuleError, token });
    return { problems, lines: post.lines };
  }

  function sourceValue(post: ReturnType<PostCache['get']>): string | undefined {
    const value = post.frontMatter?.get('from')?.value;
    return value?.kind === 'string' ? value.value : undefined;
  }

  function validate(document: TextDocument): void {
    const version = document.version;
    scheduler.schedule(document.uri, async (token) => {
      const result = await problemsFor(document, token);
      const current = documents.get(document.uri);
      // A newer version arrived while this one was checked: its own run will publish.
      if (token.isCancellationRequested || !current || current.version !== version || !result) return;
      const diagnostics: Diagnostic[] = result.problems.map((p) => toDiagnostic(p, result.lines));
      await connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
    });
  }

  async function buildIndex(): Promise<void> {
    const started = Date.now();
    let count = 0;
    for (const folder of workspaceFolders) {
      for (const file of await findPostFiles(folder)) {
        const text = await workspace.readFile(file);
        if (text !== undefined) sources.setFromText(file, text);
        count++;
      }
    }
    log(`Indexed ${count} posts in ${Date.now() - started} ms.`);
  }

  connection.onInitialize((params) => {
    canReadConfiguration = params.capabilities.workspace?.configuration === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = folders.map(uriToPath).filter((p): p is string => p !== undefined);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      },
      serverInfo: { name: 'Jekyll Newsdesk' },
    };
  });

  connection.onInitialized(() => {
    if (canReadConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    // Posts are checked at once; when the index of the other posts is ready, they are checked again for duplicates.
    buildIndex()
      .then(() => documents.all().forEach(validate))
      .catch((error: unknown) => connection.console.error(`Indexing the workspace failed: ${String(error)}`));
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    documents.all().forEach(validate);
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (!path) continue;
      sites.invalidate(path);
      if (/\/_posts\//.test(path) && !documents.get(change.uri)) {
        if (change.type === FileChangeType.Deleted) sources.delete(path);
        else {
          const text = await workspace.readFile(path);
          if (text !== undefined) sources.setFromText(path, text);
        }
      }
    }
    documents.all().forEach(validate);
  });

  documents.onDidOpen((event) => validate(event.document));
  documents.onDidChangeContent((event) => {
    const path = uriToPath(event.document.uri);
    if (path && isSiteFile(path)) {
      // A site file changed: every open post of that site is checked again.
      sites.invalidate(path);
      documents.all().forEach(validate);
      return;
    }
    validate(event.document);
  });
  documents.onDidClose((event) => {
    scheduler.cancel(event.document.uri);
    const path = uriToPath(event.document.uri);
    if (path) {
      posts.delete(path);
      // The index keeps what is on disk, not the unsaved text that was just discarded.
      if (/\/_posts\//.test(path)) void disk.readFile(path).then((text) => (text === undefined ? sources.delete(path) : sources.setFromText(path, text)));
    }
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    if (path && isSiteFile(path)) {
      // The unsaved text is gone: the site is read from disk again.
      sites.invalidate(path);
      documents.all().forEach(validate);
    }
  });

  /** One edit covering what every certain fix changes, computed by fixing and re-checking until stable. */
  async function fixAllFor(document: TextDocument): Promise<LspTextEdit | undefined> {
    const path = uriToPath(document.uri);
    if (!path || /(^|\/)_config\.yml$/.test(path)) return undefined;
    const settings = await settingsFor(document.uri);
    const site = await sites.siteFor(path);
    const text = document.getText();
    const fixed = fixAllText(text, (source) => {
      const post = source === text ? posts.get(path, text, document.version) : parsePost(source, path);
      return isSafeToFix(post) ? lintPost(post, { site, index: sources, severityOverrides: settings.rules, onRuleError }) : undefined;
    });
    return fixed === undefined ? undefined : toLspEdit(minimalEdit(text, fixed), new LineIndex(text));
  }

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const actions: CodeAction[] = [];
    const only = params.context.only;
    const wantsQuickFix = !only || only.some((kind) => CodeActionKind.QuickFix.startsWith(kind) || kind.startsWith(CodeActionKind.QuickFix));
    if (wantsQuickFix) {
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== 'newsdesk') continue;
        const data = diagnostic.data as DiagnosticData | undefined;
        for (const fix of data?.fixes ?? []) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.preferred,
            edit: { changes: { [document.uri]: fix.edits } },
          });
        }
      }
    }
    const wantsFixAll = only?.some((kind) => FIX_ALL_KIND.startsWith(kind) && kind !== '' && kind !== CodeActionKind.QuickFix);
    if (wantsFixAll) {
      const fixed = await fixAllFor(document);
      if (fixed) actions.push({ title: 'Fix all certain Newsdesk problems', kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: [fixed] } } });
    }
    return actions;
  });

  documents.listen(connection);
  connection.listen();
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

if (require.main === module) {
  startServer(createConnection());
}
