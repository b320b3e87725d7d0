/**
 * Where things of a text end up after edits: for comparing the problems of a text with those of the text after a
 * fix, by rule and place, when the fix has moved everything after it.
 */
import type { TextEdit } from '../../server/src/core/types';

/** Edits sorted as applyEdits applies them. */
function sorted(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.offset - b.offset);
}

/**
 * The span of the new text where a point of the old text can be after the edits: the point itself, moved, when no
 * edit touches it; the whole replacement when an edit covers it (it starts there, or the point is inside the
 * replaced text); both sides of an insertion made right at it (what was there may now be before or after it).
 */
export function mapPoint(offset: number, edits: readonly TextEdit[]): [number, number] {
  let shift = 0;
  let low: number | undefined;
  for (const edit of sorted(edits)) {
    const end = edit.offset + edit.length;
    if (edit.offset > offset) break;
    const before = edit.length > 0 ? end <= offset : edit.offset < offset;
    if (before) {
      shift += edit.newText.length - edit.length;
      continue;
    }
    low ??= edit.offset + shift;
    shift += edit.newText.length - edit.length;
    // A replacement that covers the point: it can be anywhere in the new text, up to its end.
    if (edit.length > 0) return [low, end + shift];
  }
  return [low ?? offset + shift, offset + shift];
}

/** A span through several rounds of edits, each in the coordinates of the text the round before made. */
export function mapSpan(span: [number, number], rounds: ReadonlyArray<readonly TextEdit[]>): [number, number] {
  let [low, high] = span;
  for (const edits of rounds) {
    low = mapPoint(low, edits)[0];
    high = mapPoint(high, edits)[1];
  }
  return [low, high];
}

/**
 * Why `after` is not `before` with exactly these edits applied and every other byte kept, or undefined when it is:
 * the text before the first edit, between the edits and after the last must be found unchanged, in order.
 */
export function bytesOutsideChanged(before: string, after: string, edits: readonly TextEdit[]): string | undefined {
  let oldCursor = 0;
  let newCursor = 0;
  for (const edit of sorted(edits)) {
    if (edit.offset < oldCursor) return `the edits overlap at ${edit.offset}`;
    const kept = before.slice(oldCursor, edit.offset);
    if (after.slice(newCursor, newCursor + kept.length) !== kept) return `the text before offset ${edit.offset} changed`;
    newCursor += kept.length;
    if (after.slice(newCursor, newCursor + edit.newText.length) !== edit.newText) return `the edit at ${edit.offset} was not applied as given`;
    newCursor += edit.newText.length;
    oldCursor = edit.offset + edit.length;
  }
  const tail = before.slice(oldCursor);
  if (after.length !== newCursor + tail.length || !after.endsWith(tail)) return `the text after offset ${oldCursor} changed`;
  return undefined;
}
