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

export function isBlank(value: PsychValue): boolean {
  return value.kind === 'null' || (value.kind === 'string' && value.value.trim() === '');
}

export function describeValue(value: PsychValue): string {
  switch (value.kind) {
    case 'null':
      return 'empty';
    case 'bool':
      return `the boolean ${value.value}`;
    case 'int':
    case 'float':
      return `the number ${value.value}`;
    case 'string':
      return `the text "${value.value}"`;
    case 'time':
    case 'date':
      return 'a date';
    case 'symbol':
      return `the Ruby symbol :${value.value}`;
    case 'seq':
      return 'a list';
    case 'map':
      return 'a mapping';
  }
}

/** Where to point when a key is absent: the opening `---` line. */
export function frontMatterStart(context: RuleContext): Range {
  return context.frontMatter ? { offset: context.frontMatter.openRange.offset, length: 3 } : { offset: 0, length: 0 };
}

/** The range to underline for an entry: its value, or its key when the value is empty. */
export function valueOrKey(entry: FrontMatterEntry): Range {
  return entry.valueRange.length > 0 ? entry.valueRange : entry.keyRange;
}
