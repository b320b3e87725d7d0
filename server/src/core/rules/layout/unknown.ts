import { defineRule } from '../../rule';
import { didYouMean } from '../../text/didYouMean';
import { valueOrKey } from '../util';

export default defineRule({
  id: 'layout/unknown',
  description: 'The layout does not exist in `_layouts/`',
  defaultSeverity: 'warning',
  docs: 'Jekyll warns `Build Warning: Layout \'x\' requested in … does not exist.` and publishes the post **without any layout**: no site header, no styles, just the bare article. Use one of the files in `_layouts/` (without the extension). `none` and `null` are allowed (no layout on purpose). When `_config.yml` names a `theme:`, layouts may come from the theme and are not checked.',
  check({ entry, site, report }) {
    const layout = entry('layout');
    if (!layout || site.theme || !site.root) return;
    const value = layout.value;
    if (value.kind === 'null') return;
    const name = value.kind === 'string' ? value.value.trim() : layout.source.trim();
    if (name === 'none' || site.layouts.has(name)) return;
    if (!name) {
      report({ range: valueOrKey(layout), message: `The layout is empty text: Jekyll warns that layout '' does not exist and publishes the post with no layout at all. Name a layout from _layouts/ (available: ${[...site.layouts].sort().join(', ') || 'none'}), or write layout: none on purpose.` });
      return;
    }
    const guess = didYouMean(name, [...site.layouts]);
    const available = [...site.layouts].sort().join(', ') || 'none';
    report({
      range: valueOrKey(layout),
      message: `The layout '${name}' does not exist in _layouts/ (available: ${available}). Jekyll warns and publishes the post with no layout at all: no header, no styles.${guess ? ` Did you mean '${guess}'?` : ''}`,
      fixes: guess ? [{ title: `Use the layout '${guess}'`, edits: [{ ...layout.valueRange, newText: guess }], preferred: site.layouts.size > 0 && name.toLowerCase() === guess.toLowerCase() }] : [],
    });
  },
});
