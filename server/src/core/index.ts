/** The core's public surface: the language service and the plain data it answers with. */
export { createLanguageService, type CheckOptions, type CheckResult, type DocumentRef, type IndexScan, type LanguageService, type LanguageServiceOptions } from './service';
export { classifySiteFile, POST_KINDS, SITE_KINDS, SITE_FILE_GLOBS, type SiteFile, type SiteFileKind } from './jekyll/paths';
export { applyEdits, minimalEdit } from './fixes';
export { LineIndex, type Position } from './position';
export { RULES, RULES_BY_ID } from './rules';
export type { Cancellation, ExpectedValue, Fix, Problem, Severity, SeveritySetting, TextEdit } from './types';
export { MemoryWorkspace, MAX_FILE_BYTES, type FileStat, type ReadResult, type Workspace } from './workspace';
