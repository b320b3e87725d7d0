import { defineRule } from '../../rule';
import { writtenSrc } from './util';

const ALLOWED = /^(https?:|data:image\/)/i;

export default defineRule({
  id: 'image/invalid-url',
  description: 'An image address is not a URL a browser can load',
  defaultSeverity: 'error',
  docs: 'The `src` has a scheme browsers do not load images from (`file:`, `javascript:`, `C:\\…` from a desktop editor), or an absolute address that is not a valid URL (a space in the host, a bad port). The published page shows a broken image. Use the image\'s web address, or a path inside the site.',
  check({ post, report }) {
    for (const image of post.bodyModel.images) {
      const src = image.attribute('src');
      const value = writtenSrc(post, image)?.value;
      if (!src || !value) continue;
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
      let problem: string | undefined;
      if (/^[a-z]:[\\/]/i.test(value)) problem = `'${value.slice(0, 60)}' is a path on someone's computer`;
      else if (scheme && !ALLOWED.test(value)) problem = `browsers do not load images from ${scheme}: addresses`;
      else if (scheme) {
        try {
          new URL(value);
        } catch {
          problem = `'${value.slice(0, 60)}' is not a valid URL`;
        }
      }
      if (!problem) continue;
      report({ range: src.valueRange.length ? src.valueRange : image.range, message: `The image address cannot load on the published page: ${problem}. Use the image's web address or a path inside the site.` });
    }
  },
});
