/** Defaults of the `newsdesk:` settings that more than one part reads (kept free of imports for the client bundle). */

/** `newsdesk: required:` when the site does not set it. */
export const DEFAULT_REQUIRED = ['title', 'date', 'author', 'from', 'tags'];
