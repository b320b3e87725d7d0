/** The VS Code side: starts the language server over IPC; the status bar shows its state and its error count. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { IndexStatusNotification, RenderRequest, SITE_FILE_GLOBS, type IndexStatus, type RenderAnswer, type RenderParams } from '../../server/src/protocol';
import { registerNewPost } from './newPost';
import { registerPreview } from './preview';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/**
 * The files the server checks, from the server's own classifier: Markdown and HTML in _posts, _drafts and
 * collections, the site's _config.yml and its _data files. The globs over-approximate; the server decides exactly.
 */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown', pattern: SITE_FILE_GLOBS.posts },
  { scheme: 'file', language: 'html', pattern: SITE_FILE_GLOBS.posts },
  { scheme: 'file', pattern: SITE_FILE_GLOBS.config },
  { scheme: 'file', pattern: SITE_FILE_GLOBS.data },
];

/** The `source` of the diagnostics the server publishes (server/src/lsp/convert.ts). */
export const DIAGNOSTIC_SOURCE = 'newsdesk';
const SHOW_OUTPUT = 'newsdesk.showOutput';
const SHOW_PROBLEMS = 'workbench.actions.view.problems';

export interface ProblemCount {
  errors: number;
  warnings: number;
  files: number;
}

/** Errors and warnings among `diagnostics` from Newsdesk (other sources, infos and hints are not counted). */
export function countProblems(entries: ReadonlyArray<readonly [vscode.Uri, readonly vscode.Diagnostic[]]>): ProblemCount {
  const count = { errors: 0, warnings: 0, files: 0 };
  for (const [, diagnostics] of entries) {
    let inFile = 0;
    for (const d of diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) count.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) count.warnings++;
      else continue;
      inFile++;
    }
    if (inFile > 0) count.files++;
  }
  return count;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The status bar text and tooltip for a count: what the Problems view shows for Newsdesk. */
export function describeCount({ errors, warnings, files }: ProblemCount): { text: string; tooltip: string } {
  const icon = errors > 0 ? '$(error)' : warnings > 0 ? '$(warning)' : '$(check)';
  const summary = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  const where = errors + warnings > 0 ? ` in ${plural(files, 'file')}` : '';
  return {
    text: `${icon} Newsdesk: ${summary}`,
    tooltip: `Jekyll Newsdesk: ${summary}${where}, in the files it has checked (open posts, and each site's _config.yml and _data files). ` +
      'Infos and hints are not counted. Click to open the Problems view.',
  };
}

/** The index line of the tooltip: how many posts the server has read, and how many it could not. */
export function describeIndex(index: IndexStatus | undefined): string {
  if (!index) return '';
  if (index.state === 'indexing') return `\n\nReading the site's posts… ${plural(index.files, 'post')} so far.`;
  const skipped = index.failureCount ? ` ${plural(index.failureCount, 'file')} could not be read (see the log).` : '';
  return `\n\n${plural(index.files, 'post')} of the site read for cross-post checks.${skipped}`;
}

/** The `newsdesk` settings as sent to the server: `images.checkRemote` and `images.allowPrivateAddresses` are false in an untrusted workspace. */
export function withoutRemoteUnlessTrusted(answer: unknown, trusted = vscode.workspace.isTrusted): unknown {
  if (trusted || typeof answer !== 'object' || answer === null || !('images' in answer)) return answer;
  const images = (answer as { images?: unknown }).images;
  return { ...answer, images: { ...(typeof images === 'object' && images !== null ? images : {}), checkRemote: false, allowPrivateAddresses: false } };
}

class NewsdeskContext implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Jekyll Newsdesk', { log: true });
  private readonly status = vscode.window.createStatusBarItem('newsdesk.status', vscode.StatusBarAlignment.Left, 10);
  private readonly diagnosticsListener: vscode.Disposable;
  private client?: LanguageClient;
  private running = false;

  constructor(
    private readonly extensionPath: string,
    /** Where the server keeps what it learnt of remote images (the extension's global storage). */
    private readonly cacheDir: string,
  ) {
    this.status.name = 'Jekyll Newsdesk';
    this.setStatus('$(sync~spin) Newsdesk', 'Starting the Jekyll Newsdesk checker… Click for the log.', SHOW_OUTPUT);
    this.diagnosticsListener = vscode.languages.onDidChangeDiagnostics(() => this.showCount());
  }

  private setStatus(text: string, tooltip: string, command: string): void {
    this.status.text = text;
    this.status.tooltip = tooltip;
    this.status.command = command;
    this.status.show();
  }

  /** While the checker runs, the status bar shows how many Newsdesk errors and warnings VS Code holds. */
  private showCount(): void {
    if (!this.running) return;
    const { text, tooltip } = describeCount(countProblems(vscode.languages.getDiagnostics()));
    this.setStatus(text, `${tooltip}${describeIndex(this.index)}`, SHOW_PROBLEMS);
  }

  /** What the server last said of its index of the site's posts (for duplicates across posts). */
  private index?: IndexStatus;
  /** The notification that counts the posts while the server reads the site: its progress and its end. */
  private indexProgress?: { report: (message: string) => void; done: () => void };

  /**
   * A progress notification while the server reads the site's posts ("Reading the site's posts: 1,200 so far"), shown
   * after the first second so that a small site does not flash one; gone when the index is ready.
   */
  private showIndexProgress(status: IndexStatus): void {
    if (status.state === 'ready') {
      this.indexProgress?.done();
      this.indexProgress = undefined;
      this.indexStartedAt = undefined;
      return;
    }
    this.indexStartedAt ??= Date.now();
    const message = `${status.files.toLocaleString('en')} ${status.files === 1 ? 'post' : 'posts'} so far`;
    if (this.indexProgress) {
      this.indexProgress.report(message);
      return;
    }
    if (Date.now() - this.indexStartedAt < 1000) return;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "Jekyll Newsdesk: reading the site's posts" }, (progress) =>
      new Promise<void>((resolve) => {
        this.indexProgress = { report: (text) => progress.report({ message: text }), done: resolve };
        progress.report({ message });
      }),
    );
  }

  private indexStartedAt?: number;

  async start(): Promise<void> {
    const module = path.join(this.extensionPath, 'dist', 'server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      initializationOptions: { cacheDir: this.cacheDir },
      middleware: {
        workspace: {
          // Fetching the images a post names is never done for a workspace not trusted, whatever the user settings say.
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            return Array.isArray(answers) ? answers.map((answer) => withoutRemoteUnlessTrusted(answer)) : answers;
          },
        },
      },
      outputChannel: this.output,
      synchronize: {
        configurationSection: 'newsdesk',
        fileEvents: [
          vscode.workspace.createFileSystemWatcher(SITE_FILE_GLOBS.config),
          vscode.workspace.createFileSystemWatcher(SITE_FILE_GLOBS.layouts),
          vscode.workspace.createFileSystemWatcher(SITE_FILE_GLOBS.data),
          vscode.workspace.createFileSystemWatcher(SITE_FILE_GLOBS.posts),
          vscode.workspace.createFileSystemWatcher(SITE_FILE_GLOBS.images),
        ],
      },
    };
    this.client = new LanguageClient('newsdesk', 'Jekyll Newsdesk', serverOptions, clientOptions);
    this.client.onDidChangeState(({ newState }) => {
      this.running = newState === State.Running;
      if (newState === State.Running) this.showCount();
      else if (newState === State.Starting) this.setStatus('$(sync~spin) Newsdesk', 'Starting the Jekyll Newsdesk checker… Click for the log.', SHOW_OUTPUT);
      else this.setStatus('$(circle-slash) Newsdesk stopped', 'The Jekyll Newsdesk checker stopped. Click for the log.', SHOW_OUTPUT);
    });
    this.client.onNotification(IndexStatusNotification.method, (status: IndexStatus) => {
      this.index = status;
      this.showCount();
      this.showIndexProgress(status);
    });
    await this.client.start();
    // Trust granted: the server asks for the settings again and may now check remote images.
    this.trustListener = vscode.workspace.onDidGrantWorkspaceTrust(() => void this.client?.sendNotification('workspace/didChangeConfiguration', { settings: null }));
  }

  private trustListener?: vscode.Disposable;

  /** The preview's render of a post by the language server (waits while the server starts). */
  async render(uri: string, layout: boolean): Promise<RenderAnswer | null> {
    if (!this.client) throw new Error('the Newsdesk language server is not running');
    return this.client.sendRequest<RenderAnswer | null>(RenderRequest.method, { uri, layout } satisfies RenderParams);
  }

  async restart(): Promise<void> {
    await this.client?.restart();
  }

  dispose(): void {
    this.running = false;
    this.indexProgress?.done();
    this.diagnosticsListener.dispose();
    this.trustListener?.dispose();
    void this.client?.stop();
    this.status.dispose();
    this.output.dispose();
  }
}

let context: NewsdeskContext | undefined;

export async function activate(extension: vscode.ExtensionContext): Promise<void> {
  context = new NewsdeskContext(extension.extensionPath, extension.globalStorageUri.fsPath);
  extension.subscriptions.push(
    context,
    vscode.commands.registerCommand('newsdesk.showOutput', () => context?.output.show(true)),
    vscode.commands.registerCommand('newsdesk.restartServer', () => context?.restart()),
    registerNewPost(),
  );
  // Before the server is up: the commands and the serializer of a panel restored after a reload exist at once.
  registerPreview(extension, async (uri, layout) => {
    if (!context) throw new Error('Jekyll Newsdesk is not active');
    return context.render(uri, layout);
  });
  try {
    await context.start();
  } catch (error) {
    context.output.appendLine(`Could not start the checker: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('Jekyll Newsdesk could not start its checker; see the "Jekyll Newsdesk" output for the reason.');
  }
}

export async function deactivate(): Promise<void> {
  context?.dispose();
  context = undefined;
}
