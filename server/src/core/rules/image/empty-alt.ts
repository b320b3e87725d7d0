import { defineRule } from '../../rule';
import { isDecoration } from './decoration';
import { namesNothing } from './missing-alt';

export default defineRule({
  id: 'image/empty-alt',
  description: 'A news image has an empty alt, as if it were decoration',
  defaultSeverity: 'info',
  docs: '`alt=""` (or a bare `alt`) tells screen readers to skip the image: right for icons, spacers and zoom buttons, wrong for the photo of the story. An image counts as decoration when it says so (`role="presentation"`, `aria-hidden="true"`), is at most 64 pixels in either size, or has an icon-like file name (icon, logo, zoom, spacer, pixel). Describe the news image in `alt`. A Markdown image with nothing between its brackets (`![](photo.jpg)`) is published with `alt=""` and is reported the same way.',
  check({ post, report }) {
    for (const image of post.bodyModel.images) {
      const alt = image.attribute('alt');
      if (!alt || alt.value.trim() !== '' || isDecoration(image) || namesNothing(image)) continue;
      report({
        range: image.range,
        message:
          image.syntax === 'html'
            ? 'This image has an empty alt, so screen readers skip it as decoration, but it looks like the news image of the story. Describe what it shows in alt="…".'
            : 'This Markdown image has no text between its brackets, so the published page gets alt="" and screen readers skip it as decoration, but it looks like the news image of the story. Describe what it shows: ![What the photo shows](…).',
      });
    }
  },
});
