import { localImages, normalizedBaseurl, unpublishedReason, type LocalImage } from '../../localImages';
import { defineRule, type RuleContext } from '../../rule';
import type { Fix } from '../../types';

const ORIGIN = 'http://site.invalid';

/** The site-relative path of a source file, for messages. */
function inSite(context: RuleContext, path: string): string {
  const root = (context.site.root ?? '').replace(/\/$/, '');
  return path.startsWith(root + '/') ? path.slice(root.length + 1) : path;
}

/** The file exists and Jekyll copies it. */
function published(context: RuleContext, path: string | undefined): path is string {
  return path !== undefined && context.files?.stat(path) === 'file' && unpublishedReason(inSite(context, path), context.site) === undefined;
}

/** A relative `src` written from the site root instead, under the baseurl. */
function rootRelative(baseurl: string, value: string): string | undefined {
  if (!/\.\.\//.test(value)) return `${baseurl}/${value.replace(/^(\.\/)+/, '')}`;
  try {
    const url = new URL(value, ORIGIN + '/');
    return url.origin === ORIGIN ? baseurl + url.pathname + url.search + url.hash : undefined;
  } catch {
    return undefined;
  }
}

/** Where the address pointed on the article's source site (`from:`), for a post copied from a feed. */
function onSource(context: RuleContext, value: string): string | undefined {
  const from = context.entry('from')?.value;
  if (from?.kind !== 'string' || !/^https?:\/\//i.test(from.value.trim())) return undefined;
  try {
    return new URL(value, from.value.trim()).href;
  } catch {
    return undefined;
  }
}

/** The sentence for an image that is not in the site at all: maybe it came with an article copied from elsewhere. */
function copiedHint(context: RuleContext, value: string): string {
  const there = onSource(context, value);
  return there ? ` If it came with the article from ${new URL(there).host}, its address there is ${there}.` : '';
}

function problemOf(context: RuleContext, local: LocalImage): { message: string; fixes?: Fix[] } | undefined {
  const baseurl = normalizedBaseurl(context.site.baseurl);
  const { src, urlPath } = local;
  const at = (newText: string, title: string, preferred: boolean): Fix => ({ title, edits: [{ offset: src.offset, length: src.value.length, newText }], preferred });
  const asked = local.relative ? `'${src.value}' is relative to the post's URL (${local.pageUrl}), so the browser asks for ${urlPath}` : `For '${src.value}' the browser asks for ${urlPath}`;
  if (local.sourcePath === undefined) {
    if (!local.relative) {
      const exists = published(context, local.withoutBaseurl);
      const withBase = baseurl + src.value;
      return {
        message: `'${src.value}' starts at the domain root, but this site is published under its baseurl ${baseurl}: on the published site the browser asks for ${urlPath}, outside the site, and the image is broken${exists ? ` (the file is in the site as ${inSite(context, local.withoutBaseurl ?? '')})` : ''}. ${exists ? 'Write' : 'If the image is in the site, write'} ${withBase}, or {{ '${src.value}' | relative_url }}.${exists ? '' : copiedHint(context, src.value)}`,
        fixes: exists && src.value.startsWith('/') ? [{ title: `Add the baseurl: ${withBase}`, edits: [{ offset: src.offset, length: 0, newText: baseurl }], preferred: true }] : undefined,
      };
    }
    return { message: `${asked}, which is outside the site (it is published under ${baseurl}), so the image is broken. Correct the path.` };
  }
  const fact = context.files?.stat(local.sourcePath);
  if (fact === undefined) return undefined;
  const file = inSite(context, local.sourcePath) || '/';
  if (fact === 'directory') return { message: `${asked}, which is the folder ${file}, not an image file, so the page shows a broken image. Name the image file.` };
  if (fact === 'file') {
    if (!local.unpublished) return undefined;
    return { message: `${asked}: ${file} is in the source, but not on the published site (${local.unpublished}), so the image is broken. Move the image to a published folder such as images/, or list it in include: in _config.yml.` };
  }
  const fromRoot = local.relative && published(context, local.fromRoot) ? rootRelative(baseurl, src.value) : undefined;
  return {
    message: `${asked}, but the site has no file ${file}, so the published page shows a broken image.${fromRoot ? ` The site does have ${inSite(context, local.fromRoot ?? '')}: if that is the image, write ${fromRoot}.` : ' Add the image there, or correct the path.'}`,
    fixes: fromRoot ? [at(fromRoot, `Point at the site's ${inSite(context, local.fromRoot ?? '')}: ${fromRoot}`, false)] : undefined,
  };
}

export default defineRule({
  id: 'image/broken-local',
  description: 'A local image is not where the published page looks for it',
  defaultSeverity: 'error',
  docs: [
    'A browser resolves an image address the way the published site serves it: a relative `src` (`img/x.png`, `../x.png`) against the post\'s URL, which the permalink makes (`/2024/01/15/title.html` with Jekyll\'s default, so `img/x.png` means `/2024/01/15/img/x.png`), and a root-relative `src` (`/images/x.png`) against the domain root. On a site with a `baseurl` (`baseurl: /news`) the site lives under `/news/`, so `/images/x.png` misses it: write `/news/images/x.png` or `{{ \'/images/x.png\' | relative_url }}`.',
    '',
    'The file is looked for in the source tree, where Jekyll copies it from (not in `_site`, which is an old build); files in folders starting with `_` or `.` and those in `exclude:` are not published unless `include:` lists them. Not found is a broken image on the published page. Addresses made with Liquid are not checked.',
    '',
    'Fixes: when the site has a baseurl and the file exists at the root-relative path, the preferred fix adds the baseurl; when a relative path is wrong but the same path from the site root exists, a fix (not preferred: check it) writes it from the root. A plugin that copies images next to posts (jekyll-postfiles) makes relative paths work differently: turn the rule off then.',
  ].join('\n'),
  check(context) {
    for (const local of localImages(context.post, context.site, context.now)) {
      const problem = problemOf(context, local);
      if (problem) context.report({ range: { offset: local.src.offset, length: local.src.value.length }, ...problem });
    }
  },
});
