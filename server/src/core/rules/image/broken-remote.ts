import { remoteImageRequest } from '../../remote';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'image/broken-remote',
  description: 'A remote image does not load: it is gone, or the address gives a page instead of an image',
  defaultSeverity: 'error',
  docs: 'Only reported when remote images are checked: `newsdesk check --check-remote`, or `newsdesk.images.checkRemote` in the editor (off by default, never in an untrusted workspace). The image is requested as the published page requests it (with the Referer your site sends, see `image/hotlink-blocked`), HEAD first and GET when HEAD is refused or unclear, following at most 10 redirects. Broken is: 404 or 410, or a 200 answer that is not an image (an HTML "not found" page served as 200, a soft 404), or an empty answer. Readers see a broken image on the published post. Fix: point `src` to an address that loads (the outlet may have moved it; a copy on your own site does not break), or remove the image. Server errors (5xx), timeouts, too many redirects and network failures are never reported: an offline machine gives no errors. A 401/403 that does not depend on the Referer is a bot wall (the outlet turns away scripts), not reported either. The first 200 distinct remote images of a post are checked (the CLI fetches at most 5,000 in a run, `--remote-limit`). Images on loopback, private or link-local addresses (`localhost`, 10/8, 172.16/12, 192.168/16, 169.254/16, fc00::/7, fe80::/10) are not fetched, judged on the address the name resolves to: `--remote-allow-private` or `newsdesk.images.allowPrivateAddresses` for an intranet site.',
  check({ post, site, remote, report }) {
    if (!remote) return;
    for (const image of post.bodyModel.images) {
      const request = remoteImageRequest(post, site, image);
      const result = request && remote.lookup(request.url, request.referrer);
      if (!result || result.outcome !== 'broken') continue;
      const src = image.attribute('src');
      const moved = result.finalUrl && result.finalUrl !== result.url ? ` (redirected to ${result.finalUrl})` : '';
      report({
        range: src && src.valueRange.length > 0 ? src.valueRange : image.range,
        message: `This image does not load: ${result.url}${moved} answers ${result.detail}. Readers see a broken image on the published post. Point src to an address that loads (or a copy on your own site), or remove the image.`,
      });
    }
  },
});
