import { defineRule } from '../../rule';
import { writtenSrc, writtenValue } from './util';

/** Alt texts that say nothing about the image, in the languages of these sites. */
const PLACEHOLDERS = new Set(['image', 'img', 'photo', 'picture', 'pic', 'graphic', 'untitled', 'alt', 'figure', '图片', '配图', '圖片', '照片', '图', '圖', '圖像', '图像', '插图', '插圖']);

export default defineRule({
  id: 'image/placeholder-alt',
  description: 'The alt text is a placeholder that says nothing',
  defaultSeverity: 'warning',
  docs: 'An `alt` of `image`, `photo`, `图片`, `配图`, `圖片`, `照片` or the image\'s file name tells a screen-reader user nothing, and shows as that word when the image fails. Describe what the image shows (who, what, where), or write `alt=""` if it is only decoration.',
  check({ post, report }) {
    for (const image of post.bodyModel.images) {
      const alt = image.attribute('alt');
      const value = writtenValue(post, alt)?.trim();
      if (!alt || !value) continue;
      const file = (writtenSrc(post, image)?.value ?? '').split(/[?#]/)[0].split('/').pop() ?? '';
      const bare = file.replace(/\.[a-z0-9]+$/i, '');
      const lower = value.toLowerCase();
      if (!PLACEHOLDERS.has(lower) && lower !== file.toLowerCase() && !(bare && lower === bare.toLowerCase())) continue;
      report({
        range: alt.valueRange,
        message: `The alt text '${value}' says nothing about the image: a screen-reader user hears only that word, and it is all a reader sees when the image fails. Describe what the image shows, or write alt="" for decoration.`,
      });
    }
  },
});
