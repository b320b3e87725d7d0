/** The hover on `layout`: the layout file the post is rendered in (and the layouts that one sits in), or why none. */
import { pathToFileURL } from 'node:url';
import type { HoverContext, HoverResult } from '../hover';
import { findLayout, missingLayoutNote, requestedLayout } from '../render/layout';

/** The most layouts listed in a chain (Jekyll uses each layout once; a loop ends there). */
const MAX_CHAIN = 10;

const link = (path: string, root: string | undefined) => `[${root !== undefined && path.startsWith(root.replace(/\/$/, '') + '/') ? path.slice(root.replace(/\/$/, '').length + 1) : path}](${pathToFileURL(path).href})`;

export async function layoutHover(context: HoverContext): Promise<HoverResult | undefined> {
  const { entry, post, site, workspace } = context;
  const range = entry.valueRange.length > 0 ? entry.valueRange : entry.keyRange;
  const request = requestedLayout(post, site);
  if (request.name === undefined) return { range, contents: '**layout**: none. Jekyll publishes the article alone, with no page around it (no head, styles or navigation).' };
  const first = await findLayout(request.name, site, workspace);
  if (!first) {
    if (request.name === 'none') return { range, contents: '**layout**: `none`. Jekyll publishes the article alone, with no layout.' };
    return { range, contents: `**layout** \`${request.name}\`: missing.\n\n${missingLayoutNote(request, post, site)}` };
  }
  const lines = [`**layout** \`${request.name}\`${request.fromDefaults ? ' (from the front-matter defaults in `_config.yml`)' : ''}: ${link(first.path, site.root)}`];
  const seen = new Set([first.name]);
  for (let at = first, depth = 0; depth < MAX_CHAIN; depth++) {
    const parent = at.data.layout;
    if (typeof parent !== 'string' || parent === '' || seen.has(parent)) break;
    seen.add(parent);
    const next = await findLayout(parent, site, workspace);
    if (!next) {
      lines.push(`- inside \`${parent}\`, which does not exist: Jekyll stops there`);
      break;
    }
    lines.push(`- inside \`${parent}\`: ${link(next.path, site.root)}`);
    at = next;
  }
  return { range, contents: lines.join('\n') };
}
