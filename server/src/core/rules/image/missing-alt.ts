import { defineRule } from '../../rule';

export default defineRule({
  id: 'image/missing-alt',
  description: 'An image has no alt text',
  defaultSeverity: 'warning',
  docs: 'An `<img>` without an `alt` attribute leaves screen-reader users with the file name or nothing, shows nothing useful when a hotlinked news image fails to load, and gives search engines no text for it. Describe what the image shows in `alt`; for a purely decorative image (a zoom icon, a spacer) write `alt=""` so that it is skipped. A Markdown image `![text](src)` always has an alt: its text.',
  check({ post, report }) {
    for (const image of post.bodyModel.images) {
      if (image.syntax !== 'html' || image.attribute('alt')) continue;
      report({
        range: image.range,
        message: 'This image has no alt text: readers with a screen reader hear nothing (or the file name), and a broken hotlinked image shows no text. Add alt="…" describing it, or alt="" if it is only decoration (an icon).',
      });
    }
  },
});
