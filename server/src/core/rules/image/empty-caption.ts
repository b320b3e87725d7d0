import { defineRule } from '../../rule';
import { captions, MAX_CAPTIONED_IMAGES } from './caption';

export default defineRule({
  id: 'image/empty-caption',
  description: 'An image has a caption element with nothing in it',
  defaultSeverity: 'warning',
  docs: 'A `<figcaption></figcaption>` (or an empty caption span) left by the outlet\'s page or the feed gives the image a caption slot with nothing in it: readers see no caption, some layouts show an empty captioned box, and screen readers announce a figure without a description. Write the caption. (No quick fix: removing the element only leaves the image without a caption.)',
  check({ post, site, report }) {
    const model = post.bodyModel;
    const finder = captions(model, site);
    for (const image of model.images.slice(0, MAX_CAPTIONED_IMAGES)) {
      const caption = finder.captionOf(image);
      if (!caption?.range || caption.text !== '' || caption.kind === 'markdown') continue;
      // A caption that Liquid fills (masked in the model) is not empty.
      if (/\{\{|\{%/.test(post.text.slice(caption.range.offset, caption.range.offset + caption.range.length))) continue;
      report({
        range: caption.range,
        message: 'This image\'s caption is empty: readers see no caption, and the page may show an empty caption box. Write what the image shows and where it comes from.',
      });
    }
  },
});
