/** The edge of completions: the core's offset ranges as LSP items. */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver/node';
import type { Completion } from '../core/completion';
import type { LineIndex } from '../core/position';

/** Characters after which the client asks again without a word typed: `key:`, `[`, `,`, `- `, `src="`, `](`, `/`. */
export const COMPLETION_TRIGGERS = [':', '[', ',', '-', '"', "'", '(', '/'];

const KINDS: Record<Completion['kind'], CompletionItemKind> = { key: CompletionItemKind.Property, value: CompletionItemKind.Value, file: CompletionItemKind.File };

export function toCompletionItem(completion: Completion, lines: LineIndex): CompletionItem {
  const range = { start: lines.positionAt(completion.range.offset), end: lines.positionAt(completion.range.offset + completion.range.length) };
  return {
    label: completion.label,
    kind: KINDS[completion.kind],
    ...(completion.detail !== undefined ? { detail: completion.detail } : {}),
    ...(completion.documentation !== undefined ? { documentation: { kind: MarkupKind.Markdown, value: completion.documentation } } : {}),
    sortText: completion.sortText,
    filterText: completion.label,
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range, newText: completion.insertText ?? completion.label },
  };
}
