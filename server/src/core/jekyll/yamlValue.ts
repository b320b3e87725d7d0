/**
 * What Psych makes of a parsed YAML node (from the `yaml` package): a plain scalar resolved as Psych's ScalarScanner
 * does, a quoted one a String, a list or mapping with its items. Jekyll turns a list `date:` into its Ruby inspect
 * text, so the items matter (`[2023-06-14]` builds on that day).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Node as YamlNode } from 'yaml';
import { resolvePlainScalar, type PsychValue } from './psych';

/** A scalar as Psych loads it: plain (or tagged plain) text is resolved, quoted text is a String. */
export function psychScalarValue(node: Scalar): PsychValue {
  if (node.type === Scalar.PLAIN || node.type === undefined) return resolvePlainScalar(String(node.source ?? node.value ?? ''));
  return { kind: 'string', value: String(node.value ?? '') };
}

/** The Psych value of any node; an absent node (`date:`) is nil. Aliases are not followed (read as nil). */
export function psychValueOfNode(node: unknown): PsychValue {
  if (node === null || node === undefined || isAlias(node)) return { kind: 'null' };
  if (isScalar(node)) return psychScalarValue(node);
  if (isSeq(node)) return { kind: 'seq', items: node.items.map((item) => psychValueOfNode(item)) };
  if (isMap(node)) {
    const entries: Array<[PsychValue, PsychValue]> = [];
    const places = new Map<string, number>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = psychValueOfNode(pair.key as YamlNode | null);
      const value = psychValueOfNode(pair.value as YamlNode | null);
      // Ruby's Hash keeps a duplicate key at its first place with the last value (found by a map: linear).
      const name = JSON.stringify(key);
      const at = places.get(name);
      if (at !== undefined) entries[at] = [key, value];
      else places.set(name, entries.push([key, value]) - 1);
    }
    return { kind: 'map', entries };
  }
  return { kind: 'null' };
}
