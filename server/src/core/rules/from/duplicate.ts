import { posix } from 'node:path';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'from/duplicate',
  description: 'Another post of the site has the same source URL',
  defaultSeverity: 'warning',
  docs: 'Two posts with the same `from` are the same story published twice: feed mirrors do this when an outlet updates a headline. Readers see a duplicate on the front page and in feeds. Keep one of them (usually the newer) and delete the other. URLs are compared without the fragment, a trailing slash or the http/https difference.',
  check({ entry, index, post, report }) {
    const from = entry('from');
    if (!from || from.value.kind !== 'string' || !from.value.value.trim()) return;
    const others = index.postsWithSource(from.value.value).filter((path) => path !== post.file.path);
    if (others.length === 0) return;
    const names = others.slice(0, 3).map((p) => posix.basename(p)).join(', ');
    report({
      range: from.valueRange,
      message: `The same source is used by ${others.length === 1 ? 'another post' : `${others.length} other posts`} (${names}${others.length > 3 ? ', …' : ''}): the site publishes the same story twice. Keep one post and delete the other.`,
    });
  },
});
