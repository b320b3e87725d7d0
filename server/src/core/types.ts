/** Plain data shared by the core, the language server and the CLI. Offsets are UTF-16 code units into the text. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
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
