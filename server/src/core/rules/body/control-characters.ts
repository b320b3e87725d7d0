import { defineRule } from '../../rule';

/** C0 controls but tab, line feed and carriage return; U+FFFD; the Unicode line and paragraph separators. */
const BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd\u2028\u2029]+/g;
/** Reported runs per post: a file full of them needs one look, not thousands of squiggles. */
const MAX_REPORTS = 50;

function describe(run: string): string {
  if (run.includes('\ufffd')) return 'U+FFFD replacement characters (a character lost when the text was converted)';
  if (/[\u2028\u2029]/.test(run)) return 'Unicode line or paragraph separators (U+2028/U+2029), which break JavaScript and JSON feeds';
  return `invisible control characters (${[...new Set(run)].map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).slice(0, 3).join(', ')})`;
}

export default defineRule({
  id: 'body/control-characters',
  description: 'The article contains control characters or replacement characters',
  defaultSeverity: 'warning',
  docs: 'Text copied from feeds sometimes carries invisible control characters (U+0000–U+001F other than tab and line breaks), the replacement character U+FFFD where a character was lost in conversion, or U+2028/U+2029 separators. Browsers show boxes or nothing, feeds built from the post (jekyll-feed, JSON feeds) may become invalid, and search engines index garbage. The quick fix removes control characters; a U+FFFD needs the original character, and a separator is best replaced by a line break.',
  check({ post, report }) {
    const { range } = post.body;
    const body = post.text.slice(range.offset, range.offset + range.length);
    let reported = 0;
    let more = 0;
    for (const match of body.matchAll(BAD)) {
      if (reported >= MAX_REPORTS) {
        more++;
        continue;
      }
      reported++;
      const run = match[0];
      const at = range.offset + (match.index ?? 0);
      const onlyControls = !/[\ufffd\u2028\u2029]/.test(run);
      report({
        range: { offset: at, length: run.length },
        message: `The article has ${describe(run)} here: readers see boxes or nothing, and feeds built from the post may become invalid. ${onlyControls ? 'Remove them.' : run.includes('\ufffd') ? 'Put back the original character from the source.' : 'Replace them with a line break.'}`,
        fixes: onlyControls ? [{ title: 'Remove the control characters', edits: [{ offset: at, length: run.length, newText: '' }], preferred: true }] : [],
      });
    }
    if (more > 0) report({ range: { offset: range.offset, length: 0 }, message: `The article has ${more} more runs of control or replacement characters than are marked here: the text was probably converted with the wrong encoding. Check it against the source.` });
  },
});
