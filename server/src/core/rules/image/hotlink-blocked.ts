import { remoteImageRequest } from '../../remote';
import { defineRule } from '../../rule';
import { noReferrerFix } from './util';

export default defineRule({
  id: 'image/hotlink-blocked',
  description: 'A remote image is refused with your site as the Referer and loads without one',
  defaultSeverity: 'warning',
  docs: 'Only reported when remote images are checked: `newsdesk check --check-remote`, or `newsdesk.images.checkRemote` in the editor. The image is requested twice when needed: with the Referer the published page sends (the origin of the site\'s `url` in `_config.yml`; none when the `<img>` has `referrerpolicy="no-referrer"` or the layouts set `<meta name="referrer" content="no-referrer">`), and, when that fails, without one. Failing with the Referer and loading without it means the outlet blocks hotlinking: the image shows on its own site and is broken on yours. Fix: add `referrerpolicy="no-referrer"` to the `<img>` (the quick fix, applied by fix-all and `--fix`); a Markdown image has no attribute for it, write it as `<img>`. On a site without `url` in `_config.yml` no Referer can be predicted: every image is requested without one, so this rule cannot report.',
  check({ post, site, remote, report }) {
    if (!remote) return;
    for (const image of post.bodyModel.images) {
      const request = remoteImageRequest(post, site, image);
      const result = request && remote.lookup(request.url, request.referrer);
      if (!result || result.outcome !== 'hotlink-blocked') continue;
      const host = new URL(result.url).host;
      const html = image.syntax === 'html';
      report({
        range: image.range,
        message: `${host} refuses this image when your site is the Referer (${result.detail}), and serves it without one: readers of the published post see a broken image. ${html ? 'Add referrerpolicy="no-referrer" to the <img>.' : 'Write it as <img src="…" alt="…" referrerpolicy="no-referrer">: a Markdown image cannot say that.'}`,
        fixes: html ? [noReferrerFix(image)] : [],
      });
    }
  },
});
