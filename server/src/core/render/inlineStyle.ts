/**
 * A `style` attribute cut down to the declarations the preview allows, without a CSS parser: postcss on every
 * attribute was most of the sanitiser's time on long posts pasted from Word. The filter only ever removes: its result
 * is a subset of the declarations it was given, each `property:value` with an allowed property and a value made only
 * of words, numbers, colours, commas, spaces, slashes and a few colour or length functions. Nothing in such a value can open a
 * string, a comment, a block, a URL or an escape, so however a browser splits the original, it reads the result as
 * exactly these declarations. The value reaches this filter with its entities decoded and is escaped again where
 * sanitize-html writes the attribute.
 */

const IMPORTANT = /important$/i;
/**
 * Words, numbers with units, `#` colours, signs, commas, spaces and `/` (`rgb(0 0 0 / 50%)`; with no `*`, never a
 * comment); parentheses are checked by `functionsAllowed`.
 */
const VALUE_CHARACTERS = /^[\w#%.,+\-/() \t\n\r\f]+$/;
const FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla', 'calc']);
const NAME_CHARACTER = /[\w-]/;

// Trimmed by hand: a trailing-space pattern (`\s+$`) takes quadratic time on a long run of inner spaces.
/** CSS whitespace only: JavaScript's `trim` also takes no-break and ideographic spaces, which CSS reads as a word. */
const isCssSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

function trimCss(text: string, from = 0, to = text.length): string {
  while (from < to && isCssSpace(text[from])) from++;
  while (to > from && isCssSpace(text[to - 1])) to--;
  return text.slice(from, to);
}

/** The value without a final `!important`, and whether it had one. */
function withoutImportant(value: string): { value: string; important: boolean } {
  if (!IMPORTANT.test(value)) return { value, important: false };
  let at = value.length - 'important'.length;
  while (at > 0 && isCssSpace(value[at - 1])) at--;
  if (value[at - 1] !== '!') return { value, important: false };
  return { value: trimCss(value, 0, at - 1), important: true };
}

/** Each `(` opens an allowed function and closes before the next `(`: no nesting, nothing unbalanced. */
function functionsAllowed(value: string): boolean {
  let open = -1;
  for (let at = 0; at < value.length; at++) {
    const c = value[at];
    if (c === '(') {
      if (open >= 0) return false;
      let start = at;
      while (start > 0 && NAME_CHARACTER.test(value[start - 1])) start--;
      if (!FUNCTIONS.has(value.slice(start, at).toLowerCase())) return false;
      open = at;
    } else if (c === ')') {
      if (open < 0) return false;
      open = -1;
    }
  }
  return open < 0;
}

/**
 * The declarations of a style attribute, split where a browser splits them: at a `;` outside strings, comments and
 * brackets. Where this differs from a browser only which declarations are kept can change, never what they say:
 * a part holding a quote, comment, bracket or escape is refused by the value check.
 */
function declarationsOf(style: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  let quote = '';
  for (let at = 0; at < style.length; at++) {
    const c = style[at];
    if (quote) {
      if (c === '\\') at++;
      else if (c === quote) quote = '';
    } else if (c === '/' && style[at + 1] === '*') {
      const end = style.indexOf('*/', at + 2);
      at = end < 0 ? style.length : end + 1;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') at++;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ';' && depth === 0) {
      parts.push(style.slice(start, at));
      start = at + 1;
    }
  }
  parts.push(style.slice(start));
  return parts;
}

/**
 * The allowed declarations of `style` as `property:value` joined by `;` (`!important` kept), the form sanitize-html
 * gave with postcss; '' when none is left. Property names are compared as a browser does, ignoring ASCII case.
 */
export function filterInlineStyle(style: string, properties: ReadonlySet<string>): string {
  const kept: string[] = [];
  for (const declaration of declarationsOf(style)) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    // ASCII case only, as CSS does: a Unicode lower-casing would read the Kelvin sign as `k`.
    const property = trimCss(declaration, 0, colon).replace(/[A-Z]/g, (c) => c.toLowerCase());
    if (!properties.has(property)) continue;
    const { value, important } = withoutImportant(trimCss(declaration, colon + 1));
    if (!VALUE_CHARACTERS.test(value) || !functionsAllowed(value)) continue;
    kept.push(`${property}:${value}${important ? ' !important' : ''}`);
  }
  return kept.join(';');
}
