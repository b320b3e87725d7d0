/** Plain data shared by the core, the language server and the CLI. Offsets are UTF-16 code units into the text. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/** What a fix means a front-matter key to read as afterwards (Jekyll's data value), or that the key goes away. */
export type ExpectedValue = { value: unknown } | { absent: true };

export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * The values the fix intends, by key. Before a fix is offered or written, the fixed front matter is parsed again:
   * these keys must read as given, every other key as before, or the fix is dropped.
   */
  expect?: Record<string, ExpectedValue>;
  /** Certain to be what the author wants: applied by "fix all" and `newsdesk check --fix`. */
  preferred?: boolean;
}

export interface Problem {
  rule: string;
  severity: Severity;
  message: string;
  offset: number;
  length: number;
  fixes: Fix[];
}

/** A cooperative cancellation signal: long work checks it between rules and files. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export const NEVER_CANCELLED: Cancellation = { isCancellationRequested: false };
