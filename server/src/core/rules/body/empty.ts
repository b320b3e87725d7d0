import { defineRule } from '../../rule';

export default defineRule({
  id: 'body/empty',
  description: 'The post has no article text',
  defaultSeverity: 'warning',
  docs: 'The body after the front matter has no text and no image: the post is published as a headline over an empty page (a feed item whose content failed to download, or a draft saved too early). Add the article, or set `published: false` until it is ready.',
  check({ post, report }) {
    if (!post.frontMatter?.closeRange) return;
    const { bodyModel } = post;
    if (bodyModel.images.length > 0) return;
    const text = bodyModel.masked.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, '').replace(/&nbsp;|&#160;/g, '').replace(/[\s#>*_\-=|`~[\]()]/g, '');
    if (text !== '') return;
    report({ range: post.frontMatter.closeRange, message: 'The post has no article text: it is published as a headline over an empty page. Add the article, or set published: false until it is ready.' });
  },
});
