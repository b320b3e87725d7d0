import { defineRule } from '../../rule';

/**
 * Stamps of a value a feed converter failed to write: `<!--NaN-->`, `<!--undefined-->`, `<!--null-->`. A number
 * (`<!--1595458338000-->`) is the converter's own timestamp of the item, written on purpose, and is left alone.
 */
const STAMP = /^[ \t]*<!--[ \t]*(NaN|undefined|null|\[object Object\])[ \t]*-->[ \t]*(\r?\n|$)/;

export default defineRule({
  id: 'body/feed-artefact',
  description: 'A feed converter left a stamp at the top of the article',
  defaultSeverity: 'warning',
  docs: 'Feed-to-post converters write a stamp on the first line of the body, usually the item\'s timestamp (`<!--1595458338000-->`, left alone). When the value is missing they write `<!--NaN-->`, `<!--undefined-->` or `<!--null-->`: a stamp of a failure, not of the item. Readers do not see the comment, but it changes what Markdown makes of the lines after it: a source link over a `------` line right after the stamp is not a heading (no blank line before it), so the page shows the link and a row of dashes. The quick fix removes the stamp line.',
  check({ post, report }) {
    const { range } = post.body;
    const body = post.text.slice(range.offset, range.offset + Math.min(range.length, 4096));
    const leading = /^(?:[ \t]*\r?\n)*/.exec(body)?.[0].length ?? 0;
    const stamp = STAMP.exec(body.slice(leading));
    if (!stamp) return;
    const start = range.offset + leading;
    const comment = stamp[0].replace(/[ \t]*(\r?\n)?$/, '').trimStart();
    const commentStart = start + stamp[0].indexOf('<!--');
    report({
      range: { offset: commentStart, length: comment.length },
      message: `'${comment}' is a stamp a feed converter left at the top of the article. It is not text anyone wrote, and right before a source link over a '------' line it keeps Markdown from making that a heading. Remove the line.`,
      fixes: [{ title: 'Remove the stamp line', edits: [{ offset: start, length: stamp[0].length, newText: '' }], preferred: true }],
    });
  },
});
