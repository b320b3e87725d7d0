import { defineRule } from '../../rule';
import { valueOrKey } from '../util';

export default defineRule({
  id: 'from/invalid-url',
  description: 'The source `from` is not an absolute http(s) URL',
  defaultSeverity: 'warning',
  docs: '`from` is the link to the original story. A value that is not an absolute `http://` or `https://` URL (a relative path, a missing scheme, a typo) becomes a broken "source" link on the published article. Paste the full address of the original.',
  check({ entry, report }) {
    const from = entry('from');
    if (!from) return;
    if (from.value.kind === 'null') {
      report({ range: valueOrKey(from), message: 'The source `from` is empty, so readers cannot reach the original story. Paste the address of the original.' });
      return;
    }
    if (from.value.kind !== 'string') {
      report({ range: valueOrKey(from), message: 'The source `from` must be a URL, but it is not text, so the article gets no working source link. Write the address of the original story.' });
      return;
    }
    const text = from.value.value.trim();
    if (!text) {
      report({ range: valueOrKey(from), message: 'The source `from` is empty, so readers cannot reach the original story. Paste the address of the original.' });
      return;
    }
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {
      url = undefined;
    }
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && /^https?:\/\//i.test(text)) return;
    const hint = /^\/\//.test(text) ? ' It starts with // and has no scheme: add https:.' : /^www\./i.test(text) ? ' It has no scheme: add https://.' : '';
    report({
      range: from.valueRange,
      message: `The source '${text}' is not an absolute http(s) URL, so the article's source link is broken on the site.${hint || ' Paste the full address of the original story, starting with https://.'}`,
      fixes: hint ? [{ title: 'Add https:', edits: [{ ...from.valueRange, newText: (/^\/\//.test(text) ? 'https:' : 'https://') + text }], preferred: true }] : [],
    });
  },
});
