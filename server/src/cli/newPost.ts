/** `newsdesk new`: writes a new post from the site's settings (the core's newPost), never over an existing file. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { newPost, readNewPostSite } from '../core/newPost';
import { findSiteRoot } from '../core/site';
import { SyncFsWorkspace } from '../node/fsWorkspace';
import type { NewCommandOptions } from './args';

const fail = (message: string, code: number): number => {
  process.stderr.write(`newsdesk: ${message}\n`);
  return code;
};

export async function newPostCommand(options: NewCommandOptions): Promise<number> {
  const start = path.resolve(options.site ?? '.').replace(/\\/g, '/');
  const root = await findSiteRoot(`${start.replace(/\/$/, '')}/_`, new SyncFsWorkspace());
  if (!root) {
    return fail(`no _config.yml in ${options.site ?? 'the current folder'} or any folder above it, so there is no Jekyll site to add the post to. Give the site's folder: newsdesk new --title T SITE`, 2);
  }
  const site = readNewPostSite(await fs.readFile(path.join(root, '_config.yml'), 'utf8'));
  let template: { path: string; text: string } | undefined;
  if (site.template) {
    const text = await fs.readFile(path.join(root, site.template), 'utf8').catch(() => undefined);
    if (text === undefined) {
      return fail(`the new-post template ${site.template} (newsdesk: new_post_template: in ${path.join(root, '_config.yml')}) cannot be read. Create it, or remove the setting to use the default front matter.`, 2);
    }
    template = { path: site.template, text };
  }
  const made = newPost({ title: options.title.trim(), date: options.date, now: new Date(), site, template });
  if (!made.ok) return fail(made.message, 2);
  const file = path.join(root, made.path);
  const shown = path.relative(process.cwd(), file) || file;
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    // `wx`: created only if absent, in one step (no window between a check and the write).
    await fs.writeFile(file, made.text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return fail(`${shown} already exists; nothing was written, so its text is safe. Open it, or give another title or --date.`, 1);
    }
    throw error;
  }
  process.stdout.write(`${shown}\n`);
  return 0;
}
