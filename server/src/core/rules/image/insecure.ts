import { defineRule } from '../../rule';
import { writtenValue } from './util';

export default defineRule({
  id: 'image/insecure',
  description: 'An image is loaded over plain http:',
  defaultSeverity: 'warning',
  docs: 'On a site served over https (GitHub Pages and most hosts), browsers upgrade or block images loaded over plain `http:` (mixed content): the image may not show, and the page loses its padlock. Use the `https:` address when the image host serves one; the quick fix writes it, but check that the image loads there.',
  check({ post, report }) {
    for (const image of post.bodyModel.images) {
      const src = image.attribute('src');
      const value = writtenValue(post, src);
      if (!src || !value || !/^http:\/\//i.test(value.trim())) continue;
      const at = src.valueRange.offset + value.indexOf(value.trim());
      report({
        range: { offset: at, length: value.trim().length },
        message: 'This image is loaded over plain http:. On an https site browsers upgrade or block it (mixed content), so it may not show. Use the https: address if the host serves one.',
        fixes: [{ title: 'Use https:', edits: [{ offset: at, length: 5, newText: 'https:' }] }],
      });
    }
  },
});
