/**
 * The preview panel: one webview that shows the active post as the site will, rendered by the language server
 * (`newsdesk/render`) and patched in place by the webview's script. It follows the active post, renders again a
 * short while after each change, and comes back after a window reload (a serializer).
 */
import * as vscode from 'vscode';
import { SITE_FILE_GLOBS, type RenderAnswer } from '../../server/src/protocol';
import type { PreviewMessage, PreviewState } from '../webview/messages';
import { previewPage } from './previewPage';

export const PREVIEW_VIEW_TYPE = 'newsdesk.preview';
/** Renders after the document has been quiet this long. */
const RENDER_DEBOUNCE_MS = 150;

/** The documents the preview shows: posts, drafts and collection documents (the server decides exactly). */
export const POST_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'markdown', pattern: SITE_FILE_GLOBS.posts },
  { scheme: 'file', language: 'html', pattern: SITE_FILE_GLOBS.posts },
];

export const isPost = (document: vscode.TextDocument): boolean => vscode.languages.match(POST_SELECTOR, document) > 0;

export class PreviewManager implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private uri?: vscode.Uri;
  private shownUri?: string;
  private timer?: NodeJS.Timeout;
  /** Counts renders so that an answer overtaken by a newer request is dropped. */
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly render: (uri: string) => Promise<RenderAnswer | null>,
  ) {
    const setContext = (editor: vscode.TextEditor | undefined) => void vscode.commands.executeCommand('setContext', 'newsdesk.activeEditorIsPost', editor !== undefined && isPost(editor.document));
    setContext(vscode.window.activeTextEditor);
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        setContext(editor);
        if (!this.panel || !editor || !isPost(editor.document) || editor.document.uri.toString() === this.uri?.toString()) return;
        this.uri = editor.document.uri;
        void this.update();
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.panel && event.document.uri.toString() === this.uri?.toString()) this.schedule();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        // A saved include or layout changes what the post renders to.
        if (this.panel && document.uri.toString() !== this.uri?.toString()) this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (this.panel && event.affectsConfiguration('newsdesk.preview')) this.setPage(this.panel);
      }),
    );
  }

  /** Opens the preview of the active post (or brings it to the front), in the active column or beside it. */
  open(toSide: boolean): void {
    const editor = vscode.window.activeTextEditor;
    const document = editor && isPost(editor.document) ? editor.document : undefined;
    if (!document && !this.uri) {
      void vscode.window.showInformationMessage('Open a post (a file in _posts, _drafts or a collection) to preview it.');
      return;
    }
    if (document) this.uri = document.uri;
    const column = toSide ? vscode.ViewColumn.Beside : (editor?.viewColumn ?? vscode.ViewColumn.Active);
    if (this.panel) {
      this.panel.reveal(column, toSide);
    } else {
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Preview', { viewColumn: column, preserveFocus: toSide }, { enableFindWidget: true });
      this.attach(panel);
    }
    void this.update();
  }

  /** A panel VS Code brings back after a reload, with the post it showed. */
  restore(panel: vscode.WebviewPanel, state: PreviewState | undefined): void {
    if (this.panel) this.panel.dispose();
    if (state?.uri) this.uri = vscode.Uri.parse(state.uri);
    this.attach(panel);
    void this.update();
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.shownUri = undefined;
    this.setPage(panel);
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.panel = undefined;
      clearTimeout(this.timer);
    });
    panel.webview.onDidReceiveMessage((message: { type?: string }) => {
      // The page was (re)loaded: it shows nothing until told.
      if (message?.type === 'ready') {
        this.shownUri = undefined;
        void this.update();
      }
    });
  }

  private setPage(panel: vscode.WebviewPanel): void {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    panel.webview.options = {
      // Our own script only (nonce'd); the post's scripts are removed by the server and refused by the CSP.
      enableScripts: true,
      enableCommandUris: false,
      // The page reads our script and style, and local images of the sites in the workspace: nothing else on disk.
      localResourceRoots: [media, dist, ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri)],
    };
    panel.webview.html = previewPage({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'preview.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css')).toString(),
      allowHttpImages: vscode.workspace.getConfiguration('newsdesk.preview').get<boolean>('allowHttpImages', false),
    });
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), RENDER_DEBOUNCE_MS);
  }

  private async update(): Promise<void> {
    const panel = this.panel;
    const uri = this.uri;
    if (!panel || !uri) return;
    clearTimeout(this.timer);
    const generation = ++this.generation;
    panel.title = `Preview ${uri.path.slice(uri.path.lastIndexOf('/') + 1)}`;
    let message: PreviewMessage;
    try {
      const answer = await this.render(uri.toString());
      if (generation !== this.generation || panel !== this.panel) return;
      if (!answer) {
        message = { type: 'error', message: `${uri.fsPath} is not a post Newsdesk can render.` };
      } else {
        const images: Record<string, string> = {};
        for (const [src, file] of Object.entries(answer.localImages)) images[src] = panel.webview.asWebviewUri(vscode.Uri.file(file)).toString();
        message = { type: 'render', uri: answer.uri, html: answer.html, header: answer.header, liquidError: answer.liquidError, images, newDocument: this.shownUri !== answer.uri };
        this.shownUri = answer.uri;
      }
    } catch (error) {
      if (generation !== this.generation) return;
      message = { type: 'error', message: `The preview could not be rendered: ${error instanceof Error ? error.message : String(error)}` };
    }
    await panel.webview.postMessage(message);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The commands, the serializer and the manager; `render` asks the language server. */
export function registerPreview(extension: vscode.ExtensionContext, render: (uri: string) => Promise<RenderAnswer | null>): PreviewManager {
  const manager = new PreviewManager(extension.extensionUri, render);
  extension.subscriptions.push(
    manager,
    vscode.commands.registerCommand('newsdesk.openPreview', () => manager.open(false)),
    vscode.commands.registerCommand('newsdesk.openPreviewToSide', () => manager.open(true)),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => manager.restore(panel, state as PreviewState | undefined),
    }),
  );
  return manager;
}
