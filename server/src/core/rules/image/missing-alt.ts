import type { BodyImage } from '../../body';
import { defineRule } from '../../rule';

/** An image whose empty alt leaves the link around it without a name: the link shows nothing else and has no label. */
export function namesNothing(image: BodyImage): boolean {
  const link = image.link;
  const alt = image.attribute('alt');
  return !!alt && alt.value.trim() === '' && !!link?.imageOnly && !(link.attributes['aria-label'] ?? link.attributes.title ?? '').trim();
}

export default defineRule({
  id: 'image/missing-alt',
  description: 'An image has no alt text',
  defaultSeverity: 'warning',
  docs: 'An `<img>` without an `alt` attribute leaves screen-reader users with the file name or nothing, shows nothing useful when a hotlinked news image fails to load, and gives search engines no text for it. Describe what the image shows in `alt`; for a purely decorative image (a zoom icon, a spacer) write `alt=""` so that it is skipped. A Markdown image `![text](src)` always has an alt: its text. An image with `alt=""` that is the only content of a link is reported too: the link then has no name, and a screen reader announces only "link"; there the alt must say what the link opens, unless the link has an `aria-label`.',
  check({ post, report }) {
    for (const image of post.bodyModel.images) {
      if (namesNothing(image)) {
        report({
          range: image.range,
          message: 'This link shows only an image with an empty alt, so the link has no name: a screen reader says just "link" and readers cannot tell where it goes. Write alt="…" saying what the link opens (for a zoom button: "Enlarge the photo"), or give the link an aria-label.',
        });
        continue;
      }
      if (image.syntax !== 'html' || image.attribute('alt')) continue;
      report({
        range: image.range,
        message: 'This image has no alt text: readers with a screen reader hear nothing (or the file name), and a broken hotlinked image shows no text. Add alt="…" describing it, or alt="" if it is only decoration (an icon).',
      });
    }
  },
});
