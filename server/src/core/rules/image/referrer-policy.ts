import { remoteImageRequest } from '../../remote';
import { defineRule } from '../../rule';
import { lazySource, noReferrerFix, writtenSrc, writtenValue } from './util';

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

export default defineRule({
  id: 'image/referrer-policy',
  description: 'A hotlinked image sends the Referer header its outlet may block',
  defaultSeverity: 'info',
  docs: 'News outlets block images requested from other sites by looking at the `Referer` header: the image loads on their site and shows as broken on yours. Feed mirrors add `referrerpolicy="no-referrer"` to every hotlinked image for that reason (the browser then sends no Referer). This is reported for an `<img>` on another host without the attribute (its `src`, or the lazy `data-src` that image/missing-src copies into it), on a site whose layouts do not set `<meta name="referrer" content="no-referrer">` for every page. The quick fix adds the attribute. When remote images are checked (`newsdesk check --check-remote`, or `newsdesk.images.checkRemote` in the editor) and the image is found blocked, `image/hotlink-blocked` reports it instead.',
  check({ post, site, remote, report }) {
    if (site.noReferrerMeta) return;
    const own = site.url ? hostOf(site.url) : undefined;
    for (const image of post.bodyModel.images) {
      if (image.syntax !== 'html' || image.attribute('referrerpolicy')) continue;
      // An image with only a lazy address (image/missing-src) loads it once the address is in src: by that rule's
      // fix or the outlet's script. It is hotlinked all the same, so it is told now, not after the fix.
      const src = image.attribute('src') ? writtenSrc(post, image)?.value : writtenValue(post, lazySource(image))?.trim();
      if (!src || !/^(https?:)?\/\//i.test(src)) continue;
      const host = hostOf(src.startsWith('//') ? `https:${src}` : src);
      if (!host || host === own) continue;
      // Fetched and found blocked: image/hotlink-blocked says so with more certainty, at the same place.
      const request = remote && remoteImageRequest(post, site, image);
      if (request && remote.lookup(request.url, request.referrer)?.outcome === 'hotlink-blocked') continue;
      report({
        range: image.range,
        message: `This image is hotlinked from ${host} and sends your site as the Referer: outlets that block hotlinking by Referer show it as broken on your site. Add referrerpolicy="no-referrer" (or set the referrer meta tag in the site's layout).`,
        fixes: [noReferrerFix(image)],
      });
    }
  },
});
