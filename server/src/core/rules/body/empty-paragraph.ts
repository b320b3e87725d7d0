import { defineRule } from '../../rule';

export default defineRule({
  id: 'body/empty-paragraph',
  description: 'An empty paragraph adds a blank gap',
  defaultSeverity: 'info',
  docs: 'Paragraphs with nothing in them (`<p></p>`, `<p>&nbsp;</p>`, `<p><br></p>`), left by the outlet\'s editor or the feed, show as blank gaps in the article and in feed readers. The quick fix removes them.',
  check({ post, report }) {
    for (const paragraph of post.bodyModel.emptyParagraphs) {
      report({ range: paragraph, message: 'This paragraph is empty: it shows as a blank gap in the article and in feed readers. Remove it.', fixes: [{ title: 'Remove the empty paragraph', edits: [{ ...paragraph, newText: '' }], preferred: true }] });
    }
  },
});
