import { defineRule } from '../../rule';
import { writtenSrc } from './util';

export default defineRule({
  id: 'image/insecure',
  description: 'An image is loaded over plain http:',
  defaultSeverity: 'warning',
  docs: 'On a site served over https (GitHub Pages and most hosts), browsers upgrade or block images loaded over plain `http:` (mixed content): the image may not show, and the page loses its padlock. Use the `https:` address when the image host serves one; the quick fix writes it, but check that the image loads there.',
  check({ post, report }) {
    for (const image of post.bodyModel.images) {
      const src = writtenSrc(post, image);
      if (!src || !/^http:\/\//i.test(src.value)) continue;
      const at = src.offset;
      report({
        range: { offset: at, length: src.value.length },
        message: 'This image is loaded over plain http:. On an https site browsers upgrade or block it (mixed content), so it may not show. Use the https: address if the host serves one.',
        fixes: [{ title: 'Use https:', edits: [{ offset: at, length: 5, newText: 'https:' }] }],
      });
    }
  },
});
