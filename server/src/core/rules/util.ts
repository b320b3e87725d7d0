/** Small helpers shared by rules. */
import type { FrontMatterEntry, Range } from '../frontMatter';
import type { PsychValue } from '../jekyll/psych';
import type { RuleContext } from '../rule';

/** A YAML double-quoted scalar for any string (JSON strings are valid YAML double-quoted scalars). */
export function yamlQuote(text: string): string {
  return JSON.stringify(text);
}

/** A plain scalar when YAML would read it back as the same string, otherwise a quoted one. */
export function yamlScalar(text: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} _.\-/]*$/u.test(text) && !/\s$/.test(text) && !/^(y|n|yes|no|true|false|on|off|null|~)$/i.test(text) && !/^[\d.+-]/.test(text)
    ? text
    : yamlQuote(text);
}

/** Ruby truthiness, which Jekyll's `value ||= …` uses: only nil and false are false (an empty string is true). */
export function isTruthy(entry: FrontMatterEntry | undefined): entry is FrontMatterEntry {
  return entry !== undefined && entry.value.kind !== 'null' && !(entry.value.kind === 'bool' && !entry.value.value);
}

export function isBlank(value: PsychValue): boolean {
  return value.kind === 'null' || (value.kind === 'string' && value.value.trim() === '');
}


/** Where to point when a key is absent: the opening `---` line. */
export function frontMatterStart(context: RuleContext): Range {
  return context.frontMatter ? { offset: context.frontMatter.openRange.offset, length: 3 } : { offset: 0, length: 0 };
}

/** The range to underline for an entry: its value, or its key when the value is empty. */
export function valueOrKey(entry: FrontMatterEntry): Range {
  return entry.valueRange.length > 0 ? entry.valueRange : entry.keyRange;
}
