/**
 * "Newsdesk: New Post": asks for a title and writes `_posts/YYYY-MM-DD-<slug>.md` in the site (a folder with
 * `_config.yml`; asked when the workspace holds several), from the core's newPost, as `newsdesk new` does. Never
 * overwrites: an existing post is opened instead.
 */
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { newPost, postSlug, readNewPostSite } from '../../server/src/core/newPost';

export const NEW_POST_COMMAND = 'newsdesk.newPost';
/** Folders where a `_config.yml` is not a site's (a built site, dependencies). */
const NOT_SITES = '{**/node_modules/**,**/_site/**,**/vendor/**,**/.git/**,**/.vscode-test/**}';

const decoder = new TextDecoder();

/** The site folders of the workspace (on disk), the one of the active editor first. */
async function siteFolders(): Promise<vscode.Uri[]> {
  const configs = await vscode.workspace.findFiles('**/_config.yml', NOT_SITES, 100);
  const roots = configs.filter((uri) => uri.scheme === 'file').map((uri) => vscode.Uri.joinPath(uri, '..'));
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const holdsActive = (root: vscode.Uri) => (active?.startsWith(`${root.toString()}/`) ? 0 : 1);
  return roots.sort((a, b) => holdsActive(a) - holdsActive(b) || a.path.length - b.path.length || a.path.localeCompare(b.path));
}

async function pickSite(): Promise<vscode.Uri | undefined> {
  const roots = await siteFolders();
  if (roots.length === 0) {
    void vscode.window.showErrorMessage('New Post found no Jekyll site in this workspace: a post goes into the _posts folder of a site, the folder with _config.yml. Open the site\'s folder.');
    return undefined;
  }
  if (roots.length === 1) return roots[0];
  const picked = await vscode.window.showQuickPick(
    roots.map((root) => ({ label: vscode.workspace.asRelativePath(root, true) || root.fsPath, description: root.fsPath, root })),
    { title: 'New Post', placeHolder: 'The site to add the post to (the folders with a _config.yml)' },
  );
  return picked?.root;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function createPost(): Promise<vscode.Uri | undefined> {
  const root = await pickSite();
  if (!root) return undefined;
  const site = readNewPostSite((await readText(vscode.Uri.joinPath(root, '_config.yml'))) ?? '');
  let template: { path: string; text: string } | undefined;
  if (site.template) {
    const text = await readText(vscode.Uri.joinPath(root, ...site.template.split('/')));
    if (text === undefined) {
      void vscode.window.showErrorMessage(`New Post cannot read the template ${site.template} named by newsdesk: new_post_template: in _config.yml. Create it, or remove the setting to use the default front matter.`);
      return undefined;
    }
    template = { path: site.template, text };
  }
  const title = await vscode.window.showInputBox({
    title: 'New Post',
    prompt: 'The title of the post; the file name is made from it as Jekyll makes a slug.',
    placeHolder: '美中外长通话：讨论 维持沟通',
    ignoreFocusOut: true,
    validateInput: (value) =>
      value.trim() === '' ? 'Type the title of the post.' : postSlug(value.trim()) === '' ? 'The title needs a letter or a digit: the file name is made from it.' : undefined,
  });
  if (title === undefined) return undefined;
  const made = newPost({ title: title.trim(), now: new Date(), site, template });
  if (!made.ok) {
    void vscode.window.showErrorMessage(made.message);
    return undefined;
  }
  const uri = vscode.Uri.joinPath(root, ...made.path.split('/'));
  await fs.mkdir(vscode.Uri.joinPath(uri, '..').fsPath, { recursive: true });
  try {
    // `wx`: created only when absent, in one step.
    await fs.writeFile(uri.fsPath, made.text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    void vscode.window.showWarningMessage(`${made.path} already exists, so New Post did not write it (its text is unchanged); it is opened instead. Give another title for a new post.`);
  }
  return uri;
}

export function registerNewPost(): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_POST_COMMAND, async () => {
    try {
      const uri = await createPost();
      if (!uri) return;
      const editor = await vscode.window.showTextDocument(uri);
      // The cursor where the article goes: the end of the file.
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      editor.selection = new vscode.Selection(end, end);
    } catch (error) {
      void vscode.window.showErrorMessage(`New Post failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
