/**
 * The checks shared by `tags` and `categories`: both are lists that Jekyll builds with
 * Utils.pluralized_array_from_hash (the singular key wins and is not split; a plural String is split on whitespace).
 */
import type { FrontMatterEntry, Range, YamlItem } from '../frontMatter';
import { defineRule, type Rule } from '../rule';
import { didYouMean } from '../text/didYouMean';
import type { TextEdit } from '../types';
import { isTruthy, yamlScalar } from './util';

export type ListKey = 'tags' | 'categories';
const SINGULAR: Record<ListKey, string> = { tags: 'tag', categories: 'category' };

/** Ruby's String#split with no argument: runs of ASCII whitespace. */
export function rubySplit(text: string): string[] {
  return text.split(/[ \t\n\v\f\r]+/).filter(Boolean);
}

/** An edit that removes one item of a flow (`[a, b]`) or block (`- a`) sequence, with its separator. */
export function removeItemEdit(text: string, entry: FrontMatterEntry, index: number): TextEdit {
  const items = entry.items ?? [];
  const item = items[index];
  // Look back over blanks only: slicing and trimming the text before every item is quadratic in a long list.
  let before = item.range.offset - 1;
  while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before--;
  if (text[before] === '-') {
    const lineStart = text.lastIndexOf('\n', item.range.offset - 1) + 1;
    const lineEnd = text.indexOf('\n', item.range.offset + item.range.length);
    const end = lineEnd === -1 ? text.length : lineEnd + 1;
    return { offset: lineStart, length: end - lineStart, newText: '' };
  }
  if (index > 0) {
    const previous = items[index - 1];
    const start = previous.range.offset + previous.range.length;
    return { offset: start, length: item.range.offset + item.range.length - start, newText: '' };
  }
  const next = items[index + 1];
  const end = next ? next.range.offset : item.range.offset + item.range.length;
  return { offset: item.range.offset, length: end - item.range.offset, newText: '' };
}

function itemText(item: YamlItem): string {
  return item.value.kind === 'null' ? '' : item.text;
}

function listEntry(key: ListKey, entry: (key: string) => FrontMatterEntry | undefined): FrontMatterEntry | undefined {
  // A set `tag:` makes Jekyll ignore `tags:`: checks of the ignored list would mislead. `category:` is added to
  // `categories:` instead, so the plural is always read.
  if (key === 'tags' && isTruthy(entry(SINGULAR[key]))) return undefined;
  return entry(key);
}

export function stringRule(key: ListKey): Rule {
  const one = key === 'tags' ? 'tag' : 'category';
  return defineRule({
    id: `${key}/string`,
    description: `\`${key}\` is a string that Jekyll splits on whitespace`,
    defaultSeverity: 'warning',
    docs: `When \`${key}\` is written as text instead of a list, Jekyll splits it at every space: \`${key}: breaking news\` makes two ${key}, \`breaking\` and \`news\`. Write a list. The quick fix writes the list Jekyll builds today, so the site does not change; join words back by hand if they were meant as one ${one}.`,
    check({ entry, report }) {
      const found = listEntry(key, entry);
      if (!found || found.value.kind !== 'string') return;
      const parts = rubySplit(found.value.value);
      if (parts.length < 2) return;
      report({
        range: found.valueRange,
        message: `'${key}' is text, and Jekyll splits it at every space into ${parts.length} ${key}: ${parts.map((p) => `'${p}'`).join(', ')}. Write a list: ${key}: [${parts.map(yamlScalar).join(', ')}]${found.value.value.includes(' ') ? `, or ['${found.value.value.trim()}'] if it is one ${one}` : ''}.`,
        fixes: [
          { title: `Convert ${key} to a list`, edits: [{ ...found.valueRange, newText: `[${parts.map(yamlScalar).join(', ')}]` }], preferred: true },
          { title: `Make it a single ${one}`, edits: [{ ...found.valueRange, newText: `[${yamlScalar(found.value.value.trim())}]` }] },
        ],
      });
    },
  });
}

export function emptyItemRule(key: ListKey): Rule {
  return defineRule({
    id: `${key}/empty-item`,
    description: `\`${key}\` has an empty item`,
    defaultSeverity: 'warning',
    docs: `An empty item in \`${key}\` (\`[a, , b]\`, \`- ""\`) gives the post a blank ${key === 'tags' ? 'tag' : 'category'}: an empty link in the post and an empty archive page. The quick fix removes it.`,
    check({ entry, post, report }) {
      const found = listEntry(key, entry);
      found?.items?.forEach((item, index) => {
        if (itemText(item).trim()) return;
        // Jekyll drops null tags (Array#compact) but keeps a null category as a blank one.
        if (key === 'tags' && item.value.kind === 'null') return;
        report({
          range: item.range.length ? item.range : { offset: item.range.offset, length: 0 },
          message: `'${key}' has an empty item, which Jekyll keeps as a blank ${key === 'tags' ? 'tag' : 'category'} (an empty link and an empty archive page). Remove it.`,
          fixes: [{ title: 'Remove the empty item', edits: [removeItemEdit(post.text, found, index)], preferred: true }],
        });
      });
    },
  });
}

export function duplicateRule(key: ListKey): Rule {
  const fold = (text: string) => (key === 'categories' ? text.trim().toLowerCase() : text.trim());
  return defineRule({
    id: `${key}/duplicate`,
    description: `\`${key}\` lists the same item twice`,
    defaultSeverity: 'warning',
    docs:
      key === 'tags'
        ? 'A repeated item in `tags` shows twice on the post (Jekyll keeps tag lists as written). The quick fix removes the repetition.'
        : 'Jekyll drops exact repetitions in `categories`, but categories that differ only in case (`City`, `city`) both show on the post and end up in the same URL folder, since URLs lower-case them. The quick fix removes the repetition.',
    check({ entry, post, report }) {
      const found = listEntry(key, entry);
      const seen = new Map<string, number>();
      found?.items?.forEach((item, index) => {
        const text = fold(itemText(item));
        if (!text) return;
        if (!seen.has(text)) {
          seen.set(text, index);
          return;
        }
        const first = found.items?.[seen.get(text) ?? 0];
        // Jekyll removes exact repetitions of a category itself (Array#uniq).
        if (key === 'categories' && first && itemText(first).trim() === itemText(item).trim()) return;
        report({
          range: item.range,
          message:
            key === 'tags'
              ? `'${itemText(item)}' is already in tags, so it shows twice on the post. Remove the repetition.`
              : `'${itemText(item)}' repeats '${first ? itemText(first) : ''}' in another case: the post shows both, and both go to the same URL folder, as Jekyll lower-cases categories in URLs. Remove the repetition.`,
          fixes: [{ title: `Remove the repeated '${itemText(item)}'`, edits: [removeItemEdit(post.text, found, index)], preferred: true }],
        });
      });
    },
  });
}

const SINGULAR_TEXT: Record<ListKey, { description: string; docs: string; message: (value: string) => string }> = {
  tags: {
    description: '`tag` hides `tags`',
    docs: 'Jekyll reads `tag:` first: when it has a value, `tags:` is ignored entirely, and `tag` is not split on spaces. Having both almost always loses the list in `tags`. Keep one key: move the value of `tag` into `tags`.',
    message: (value) => `'tag' is set, so Jekyll ignores 'tags' completely and the post gets only ${value}. Move this value into 'tags' and remove the 'tag' line.`,
  },
  categories: {
    description: '`category` is added to `categories` as one unsplit category',
    docs: 'Jekyll adds the value of `category:` to `categories:` as one more category, **not split on spaces**: `category: City News` beside `categories: [local]` gives the categories `local` and `City News`, and a URL folder `/local/city news/`. Keep all categories in one `categories:` list.',
    message: (value) => `Jekyll adds 'category' to 'categories' as one more category, not split at spaces: the post gets ${value} besides the list, also in its URL. Move this value into 'categories' and remove the 'category' line.`,
  },
};

export function singularKeyRule(key: ListKey): Rule {
  const singular = SINGULAR[key];
  const text = SINGULAR_TEXT[key];
  return defineRule({
    id: `${key}/singular-key`,
    description: text.description,
    defaultSeverity: 'warning',
    docs: text.docs,
    check({ entry, report }) {
      const singularEntry = entry(singular);
      if (!isTruthy(singularEntry) || !entry(key)) return;
      const value = singularEntry.items
        ? singularEntry.items.map((item) => `'${item.text}'`).join(', ')
        : `'${singularEntry.value.kind === 'string' ? singularEntry.value.value : singularEntry.source.trim()}'`;
      report({ range: singularEntry.keyRange, message: text.message(value) });
    },
  });
}

export function vocabularyRule(key: ListKey): Rule {
  return defineRule({
    id: `${key}/vocabulary`,
    description: `An item of \`${key}\` is not in the site's vocabulary`,
    defaultSeverity: 'warning',
    docs: `When \`_config.yml\` lists the allowed ${key} under \`newsdesk: ${key}:\`, an item outside the list is usually a misspelling that opens a new, nearly empty archive page. Use a listed item or add the new one to the list.`,
    check({ entry, site, report }) {
      const vocabulary = site.settings[key];
      const found = listEntry(key, entry);
      if (!vocabulary || !found) return;
      const items: Array<{ text: string; range: Range }> = found.items ?? (found.value.kind === 'string' ? rubySplit(found.value.value).map((text) => ({ text, range: found.valueRange })) : []);
      const known = new Set(vocabulary);
      const guesses = new Map<string, string | undefined>();
      for (const { text, range } of items) {
        const name = text.trim();
        if (!name || known.has(name)) continue;
        if (!guesses.has(name)) guesses.set(name, didYouMean(name, vocabulary));
        const guess = guesses.get(name);
        report({
          range,
          message: `'${name}' is not one of the site's ${key} (newsdesk.${key} in _config.yml), so it opens a new archive page${guess ? `; did you mean '${guess}'?` : '.'} Use a listed item or add it to the list.`,
          fixes: guess && found.items ? [{ title: `Change to '${guess}'`, edits: [{ ...range, newText: yamlScalar(guess) }] }] : [],
        });
      }
    },
  });
}
