import { defineRule } from '../../rule';
import { writtenSrc } from './util';

export default defineRule({
  id: 'image/protocol-relative',
  description: 'An image address starts with // (protocol-relative)',
  defaultSeverity: 'info',
  docs: 'An address like `//img.example.com/x.png` takes the scheme of the page: `https:` on the site, but `file:` when the page is opened from disk (a local preview, an archive, a feed reader), where it fails. Write the scheme out; the quick fix writes `https:`.',
  check({ post, report }) {
    for (const image of post.bodyModel.images) {
      const src = writtenSrc(post, image);
      if (!src || !src.value.startsWith('//')) continue;
      const { value, offset: at } = src;
      report({
        range: { offset: at, length: value.length },
        message: `'${value.slice(0, 60)}' has no scheme: it loads on the https site but fails in a local preview, an archive copy or a feed reader. Write https: in front.`,
        fixes: [{ title: 'Write https:', edits: [{ offset: at, length: 0, newText: 'https:' }] }],
      });
    }
  },
});
