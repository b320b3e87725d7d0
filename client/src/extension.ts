/** The VS Code side: starts the language server over IPC and shows its state. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SITE_FILE_GLOBS } from '../../server/src/protocol';
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

class NewsdeskContext implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Jekyll Newsdesk', { log: true });
  private readonly status = vscode.window.createStatusBarItem('newsdesk.status', vscode.StatusBarAlignment.Left, 10);
  private client?: LanguageClient;

  constructor(private readonly extensionPath: string) {
    this.status.name = 'Jekyll Newsdesk';
    this.status.command = 'newsdesk.showOutput';
    this.setStatus('$(sync~spin) Newsdesk', 'Starting the Jekyll Newsdesk checker…');
  }

  private setStatus(text: string, tooltip: string): void {
    this.status.text = text;
    this.status.tooltip = tooltip;
    this.status.show();
  }

  async start(): Promise<void> {
    const module = path.join(this.extensionPath, 'dist', 'server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      synchronize: {
        configurationSection: 'newsdesk',
        fileEvents: [
          vscode.workspace.createFileSystemWatcher(SITE_FILE_GLOBS.config),
          vscode.workspace.createFileSystemWatcher(SITE_FILE_GLOBS.layouts),
          vscode.workspace.createFileSystemWatcher(SITE_FILE_GLOBS.data),
          vscode.workspace.createFileSystemWatcher(SITE_FILE_GLOBS.posts),
        ],
      },
    };
    this.client = new LanguageClient('newsdesk', 'Jekyll Newsdesk', serverOptions, clientOptions);
    this.client.onDidChangeState(({ newState }) => {
      if (newState === State.Running) this.setStatus('$(check) Newsdesk', 'Jekyll Newsdesk is checking posts. Click for the log.');
      else if (newState === State.Stopped) this.setStatus('$(error) Newsdesk', 'The Jekyll Newsdesk checker stopped. Click for the log.');
    });
    await this.client.start();
  }

  async restart(): Promise<void> {
    await this.client?.restart();
  }

  dispose(): void {
    void this.client?.stop();
    this.status.dispose();
    this.output.dispose();
  }
}

let context: NewsdeskContext | undefined;

export async function activate(extension: vscode.ExtensionContext): Promise<void> {
  context = new NewsdeskContext(extension.extensionPath);
  extension.subscriptions.push(
    context,
    vscode.commands.registerCommand('newsdesk.showOutput', () => context?.output.show(true)),
    vscode.commands.registerCommand('newsdesk.restartServer', () => context?.restart()),
  );
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
