/**
 * The preview panel: one webview that shows the active post as the site will, rendered by the language server
 * (`newsdesk/render`) and patched in place by the webview's script. It follows the active post, renders again a
 * short while after each change, and comes back after a window reload (a serializer). It scrolls with the editor,
 * a double-click in it reveals the line in the editor, and the editor's problems are outlined on their elements
 * (the header for the front matter, the image, or the block of the line); a click on one selects the problem.
 */
import * as vscode from 'vscode';
import { SITE_FILE_GLOBS, type RenderAnswer, type SourceRange } from '../../server/src/protocol';
import { htmlDelta, type PreviewMessage, type PreviewProblem, type PreviewState, type WebviewMessage } from '../webview/messages';
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
  /** The article HTML the webview has (the next one is sent as a change of it), undefined after a (re)load. */
  private sentHtml?: string;
  private timer?: NodeJS.Timeout;
  /** Counts renders so that an answer overtaken by a newer request is dropped. */
  private generation = 0;
  /** Where the shown article comes from (the last answer): image ranges and the body's first line. */
  private source?: { uri: string; images: SourceRange[]; bodyLine: number };
  /** The problems last shown, by the id the webview sends back. */
  private shownProblems: vscode.Diagnostic[] = [];
  /** When the shown post last changed (for the timing figures). */
  private changedAt?: number;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly render: (uri: string, layout: boolean) => Promise<RenderAnswer | null>,
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
        if (!this.panel || event.document.uri.toString() !== this.uri?.toString()) return;
        this.changedAt = Date.now();
        this.schedule();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        // A saved include or layout changes what the post renders to.
        if (this.panel && document.uri.toString() !== this.uri?.toString()) this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (this.panel && event.affectsConfiguration('newsdesk.preview')) this.setPage(this.panel);
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (this.panel && this.uri && event.uris.some((uri) => uri.toString() === this.uri?.toString())) void this.sendProblems();
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
        if (!this.panel || event.textEditor.document.uri.toString() !== this.uri?.toString() || event.visibleRanges.length === 0) return;
        void this.panel.webview.postMessage({ type: 'scroll', line: event.visibleRanges[0].start.line } satisfies PreviewMessage);
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
    this.sentHtml = undefined;
    this.setPage(panel);
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.panel = undefined;
      clearTimeout(this.timer);
    });
    panel.webview.onDidReceiveMessage((message: WebviewMessage) => {
      // The page was (re)loaded: it shows nothing until told.
      if (message?.type === 'ready' || message?.type === 'resync') {
        if (message.type === 'ready') this.shownUri = undefined;
        this.sentHtml = undefined;
        void this.update();
      } else if (message?.type === 'revealLine' && Number.isInteger(message.line)) {
        const position = new vscode.Position(Math.max(0, message.line), 0);
        void this.reveal(new vscode.Range(position, position));
      } else if (message?.type === 'revealProblem') {
        const problem = this.shownProblems[message.id];
        if (problem) void this.reveal(problem.range);
      }
    });
  }

  /** Shows the previewed post in an editor beside the preview (the one already showing it, if any) with `range` selected. */
  private async reveal(range: vscode.Range): Promise<void> {
    const uri = this.uri;
    if (!uri) return;
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
    const viewColumn = visible?.viewColumn ?? (this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(visible?.document ?? (await vscode.workspace.openTextDocument(uri)), { viewColumn, preserveFocus: false });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The editor's Newsdesk problems of the shown post, each placed on its element in the preview. */
  private async sendProblems(): Promise<void> {
    const panel = this.panel;
    const source = this.source;
    if (!panel || !source || source.uri !== this.uri?.toString()) return;
    const diagnostics = vscode.languages.getDiagnostics(vscode.Uri.parse(source.uri)).filter((diagnostic) => diagnostic.source === 'newsdesk');
    const images = source.images.map((range) => new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character));
    const problems: PreviewProblem[] = diagnostics.map((diagnostic, id) => {
      const severity = diagnostic.severity === vscode.DiagnosticSeverity.Error ? 'error' : diagnostic.severity === vscode.DiagnosticSeverity.Warning ? 'warning' : 'info';
      const image = images.findIndex((range) => range.contains(diagnostic.range));
      const target: PreviewProblem['target'] =
        diagnostic.range.start.line < source.bodyLine ? { kind: 'header' } : image !== -1 ? { kind: 'image', index: image } : { kind: 'line', line: diagnostic.range.start.line };
      return { id, severity, message: diagnostic.message, target };
    });
    this.shownProblems = diagnostics;
    await panel.webview.postMessage({ type: 'problems', uri: source.uri, problems } satisfies PreviewMessage);
  }

  private setPage(panel: vscode.WebviewPanel): void {
    this.sentHtml = undefined;
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
      const useSiteLayout = vscode.workspace.getConfiguration('newsdesk.preview', uri).get<boolean>('useSiteLayout', false);
      const changedAt = this.changedAt;
      const requestedAt = Date.now();
      const answer = await this.render(uri.toString(), useSiteLayout);
      const timing = { changedAt, requestedAt, answeredAt: Date.now() };
      if (generation !== this.generation || panel !== this.panel) return;
      if (!answer) {
        message = { type: 'error', message: `${uri.fsPath} is not a post Newsdesk can render.` };
      } else {
        const images: Record<string, string> = {};
        for (const [src, file] of Object.entries(answer.localImages)) images[src] = panel.webview.asWebviewUri(vscode.Uri.file(file)).toString();
        const layout = answer.layout && answer.layout.chain.length > 0 ? answer.layout : undefined;
        const siteLayout = layout && {
          stylesheets: layout.stylesheets.map((file) => panel.webview.asWebviewUri(vscode.Uri.file(file)).toString()),
          styles: layout.styles,
          bodyClass: layout.bodyClass,
          referrer: layout.referrer,
        };
        // A keystroke changes a few characters of a long article: only they travel to the webview.
        const change = this.sentHtml === undefined ? { html: answer.html } : { delta: htmlDelta(this.sentHtml, answer.html) };
        this.sentHtml = answer.html;
        message = { type: 'render', uri: answer.uri, ...change, header: answer.header, liquidError: answer.liquidError, images, newDocument: this.shownUri !== answer.uri, bodyLine: answer.bodyLine, siteLayout, timing };
        this.shownUri = answer.uri;
        this.source = { uri: answer.uri, images: answer.images, bodyLine: answer.bodyLine };
      }
    } catch (error) {
      if (generation !== this.generation) return;
      message = { type: 'error', message: `The preview could not be rendered: ${error instanceof Error ? error.message : String(error)}` };
    }
    const delivered = await panel.webview.postMessage(message);
    // Not delivered (the webview is hidden or reloading): the next render sends the whole HTML.
    if (!delivered) this.sentHtml = undefined;
    if (message.type === 'render') await this.sendProblems();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The commands, the serializer and the manager; `render` asks the language server. */
export function registerPreview(extension: vscode.ExtensionContext, render: (uri: string, layout: boolean) => Promise<RenderAnswer | null>): PreviewManager {
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
