import { defineRule } from '../../rule';
import { captions, MAX_CAPTIONED_IMAGES, needsCaption } from './caption';

export default defineRule({
  id: 'image/missing-caption',
  description: 'A news image has no caption',
  defaultSeverity: 'info',
  docs: 'Readers of a news story expect to be told what a photo shows, who is in it and where it comes from (the credit). A news image counts as captioned when it has a `figure > figcaption`, an element with a caption class right after it (`.wp-caption-text`, `span.lead_image_caption`, `.photo-caption`, `.image-caption`, any class with `caption` in it), a `data-caption` on the link around it, emphasised text right after it (`<em>…</em>`, `<p><em>…</em></p>`, `<div><small>…</small></div>`, or `*…*` after a Markdown image), or a short block right after it that says what its alt says (an outlet’s own caption class, such as CNA’s `div.picinfo`). A plain paragraph after the image is not taken for a caption: it is usually the story going on; a `title` does not count, since it shows only as a tooltip and never on a phone. Icons, logos, emoji, portraits, tracking pixels and zoom buttons need none: images marked as decoration, at most 64 pixels wide or high, emoji (`wp-smiley`, an `emoji` folder, one line high), with an icon-like file name (icon, logo, zoom, spacer, pixel) or folder, portraits (`/profile/`, `/avatar/`, `/author/` in the address), and images inside a link to an image file (a thumbnail of a larger copy) are skipped. A site adds its own caption selectors and file-name words under `newsdesk: captions: { selectors: [...], skip: [...] }` in `_config.yml`.',
  check({ post, site, report }) {
    const model = post.bodyModel;
    const finder = captions(model, site);
    for (const image of model.images.slice(0, MAX_CAPTIONED_IMAGES)) {
      if (!needsCaption(image, site) || finder.captionOf(image)) continue;
      report({
        range: image.range,
        message: 'This news image has no caption: readers are not told what it shows or where it comes from. Add one right after it (a <figcaption> in a <figure>, or the caption element your layout styles).',
      });
    }
  },
});
