import { defineRule } from '../../rule';
import { lazySource } from './util';

export default defineRule({
  id: 'image/missing-src',
  description: 'An image has no src',
  defaultSeverity: 'error',
  docs: 'An `<img>` without `src` shows nothing on the published page. Feed mirrors copy images from outlets that load them lazily: the real address is in `data-src` (or `data-original`, `data-lazy-src`) and a script of the outlet fills in `src`, a script the mirrored post does not have. The quick fix copies the lazy address into `src`; otherwise add the address or remove the image.',
  check({ post, report }) {
    for (const image of post.bodyModel.images) {
      if (image.syntax !== 'html' || image.attribute('src')) continue;
      const lazy = lazySource(image);
      const nameEnd = image.range.offset + 4; // after `<img`
      report({
        range: image.range,
        message: lazy
          ? `This image has no src, only ${lazy.name}: the outlet's lazy-loading script filled it in, and the published post has no such script, so the image never shows. Copy the address into src.`
          : 'This image has no src, so it shows nothing on the published page. Add the image address, or remove the image.',
        fixes: lazy ? [{ title: `Copy ${lazy.name} into src`, edits: [{ offset: nameEnd, length: 0, newText: ` src="${lazy.value.replace(/"/g, '&quot;')}"` }], preferred: true }] : [],
      });
    }
  },
});
