import { defineRule } from '../../rule';

export default defineRule({
  id: 'image/empty-src',
  description: 'An image has an empty src',
  defaultSeverity: 'error',
  docs: 'An image whose `src` is empty (`src=""`, `![alt]()`) shows as a broken image, and browsers request the page itself again in its place. Put the image address in `src`, or remove the image.',
  check({ post, report }) {
    for (const image of post.bodyModel.images) {
      const src = image.attribute('src');
      // The value as written: an address made by Liquid (masked in the model) is not empty.
      const written = src ? post.text.slice(src.valueRange.offset, src.valueRange.offset + src.valueRange.length) : undefined;
      if (!src || written?.trim() !== '') continue;
      report({
        range: src.range.length > 0 ? src.range : image.range,
        message: 'The image address is empty: the published page shows a broken image (and the browser requests the page itself again). Put the image address here, or remove the image.',
      });
    }
  },
});
