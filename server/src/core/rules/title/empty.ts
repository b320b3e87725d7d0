import { defineRule } from '../../rule';
import { isBlank, valueOrKey } from '../util';

export default defineRule({
  id: 'title/empty',
  description: 'The title is empty',
  defaultSeverity: 'warning',
  docs: 'An empty `title:` gives the article no headline: the page, the browser tab and the feed entry show nothing (only a missing `title` key makes Jekyll derive one from the file name). Write the headline.',
  check({ entry, report }) {
    const title = entry('title');
    if (!title || !isBlank(title.value)) return;
    report({ range: valueOrKey(title), message: 'The title is empty, so the article is published with no headline on the page, in the browser tab and in feeds. Write the headline after `title:`.' });
  },
});
