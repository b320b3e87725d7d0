import type { ChildNode, Document } from 'domhandler';
import { defineRule } from '../../rule';

/** Whether the body shows any text: a text node with more than blanks and Markdown punctuation (not in a comment). */
function hasText(dom: Document): boolean {
  const stack: ChildNode[] = [...dom.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text' && /[^\s\u00a0\u200b#>*_\-=|`~[\]()]/.test(node.data)) return true;
    if (node.type === 'tag') stack.push(...node.children);
  }
  return false;
}

export default defineRule({
  id: 'body/empty',
  description: 'The post has no article text',
  defaultSeverity: 'warning',
  docs: 'The body after the front matter has no text and no image: the post is published as a headline over an empty page (a feed item whose content failed to download, or a draft saved too early). Add the article, or set `published: false` until it is ready.',
  check({ post, report }) {
    if (!post.frontMatter?.closeRange) return;
    const { bodyModel } = post;
    if (bodyModel.images.length > 0) return;
    if (hasText(bodyModel.dom)) return;
    report({ range: post.frontMatter.closeRange, message: 'The post has no article text: it is published as a headline over an empty page. Add the article, or set published: false until it is ready.' });
  },
});
