import { defineRule } from '../../rule';

export default defineRule({
  id: 'body/script',
  description: 'The article contains a script',
  defaultSeverity: 'warning',
  docs: 'A `<script>` copied into a post with the article (an outlet\'s tracker, an embed loader, an ad) runs on your site for every reader: it can load third-party code, track readers and break the page. Jekyll publishes it as it is. Remove it; for an embed, use the site\'s own include.',
  check({ post, report }) {
    for (const script of post.bodyModel.scripts) {
      report({ range: script, message: 'This script was copied in with the article and will run on your site for every reader (trackers, ads, third-party code). Remove it; for an embed use the site\'s own include.' });
    }
  },
});
