/** The core's outline (offsets) to LSP document symbols (positions), at the edge. */
import { SymbolKind, type DocumentSymbol, type Range as LspRange } from 'vscode-languageserver';
import type { Range } from '../core/frontMatter';
import type { OutlineKind, OutlineSymbol } from '../core/outline';
import type { LineIndex } from '../core/position';

const KIND: Record<OutlineKind, SymbolKind> = {
  frontMatter: SymbolKind.Namespace,
  field: SymbolKind.Property,
  // What VS Code's own Markdown outline uses for headings.
  heading: SymbolKind.String,
  image: SymbolKind.File,
};

const toRange = (range: Range, lines: LineIndex): LspRange => ({ start: lines.positionAt(range.offset), end: lines.positionAt(range.offset + range.length) });

export function toDocumentSymbols(symbols: OutlineSymbol[], lines: LineIndex): DocumentSymbol[] {
  return symbols.map((symbol) => ({
    name: symbol.name,
    ...(symbol.detail !== undefined ? { detail: symbol.detail } : {}),
    kind: KIND[symbol.kind],
    range: toRange(symbol.range, lines),
    selectionRange: toRange(symbol.selectionRange, lines),
    children: toDocumentSymbols(symbol.children, lines),
  }));
}
