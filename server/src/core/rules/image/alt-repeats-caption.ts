import { defineRule } from '../../rule';
import { captions, MAX_CAPTIONED_IMAGES } from './caption';

const normal = (text: string) => text.replace(/[\s\u00a0\u200b]+/g, ' ').trim().toLowerCase();

export default defineRule({
  id: 'image/alt-repeats-caption',
  description: 'An image\'s alt text is the same as its visible caption',
  defaultSeverity: 'info',
  docs: 'Screen readers read the alt text and then the caption below it: when they are the same, the reader hears the caption twice and learns nothing about what the image shows. The caption tells what the story needs (who, where, the credit); the alt describes what is in the picture. Rewrite the alt to describe the image.',
  check({ post, site, report }) {
    const model = post.bodyModel;
    const finder = captions(model, site);
    for (const image of model.images.slice(0, MAX_CAPTIONED_IMAGES)) {
      const alt = image.attribute('alt');
      const caption = finder.captionOf(image);
      if (!alt || !caption || normal(alt.value) === '' || normal(alt.value) !== normal(caption.text)) continue;
      report({
        range: alt.range,
        message: 'This alt text repeats the caption word for word, so screen-reader users hear it twice and are never told what the image shows. Describe the picture in the alt; keep the caption for who, where and the credit.',
      });
    }
  },
});
