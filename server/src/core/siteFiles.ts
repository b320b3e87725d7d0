/** Listing a site's files through the workspace: the one walker of the editor's index, the CLI and site checks. */
import { classifySiteFile, isWalkedFolder, type SiteFileKind } from './jekyll/paths';
import type { Workspace } from './workspace';

/**
 * Every file under `folder` that the classifier calls one of `kinds`, in a stable (sorted) order. Files are
 * classified inside their site: the folder holding the nearest `_config.yml` above them (`root` for the start).
 * Links to folders are not followed (no loops); skipped folders (node_modules, _site, dot folders) are not entered;
 * anything else named like a site file is listed, so that a pipe in `_posts/` gets a problem instead of vanishing.
 */
export async function listSiteFiles(workspace: Workspace, folder: string, kinds: ReadonlySet<SiteFileKind>, root: string | undefined): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, siteRoot: string | undefined): Promise<void> => {
    const entries = (await workspace.readDirectory(dir).catch(() => undefined)) ?? [];
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const here = entries.some((e) => !e.isDirectory && e.name === '_config.yml') ? dir : siteRoot;
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) {
        if (isWalkedFolder(entry.name)) await walk(path, here);
      } else if (kinds.has(classifySiteFile(path, here).kind)) out.push(path);
    }
  };
  await walk(folder.replace(/\/$/, ''), root);
  return out;
}
