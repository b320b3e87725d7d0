/**
 * Where each rule is documented: its section of docs/rules.md in the repository (package.json `repository.url`),
 * addressed by the anchor GitHub gives the section's heading (`## front-matter/duplicate-key`).
 */

export const RULES_DOC_URL = 'https://github.com/jekyll-newsdesk/jekyll-newsdesk/blob/main/docs/rules.md';

/**
 * The anchor GitHub makes of a heading (github-slugger): lower case, every character that is not a letter, a mark,
 * a number, `_`, `-` or a space dropped, spaces made hyphens. (A repeated heading gets `-1`, `-2`…: rule ids are unique.)
 */
export function githubAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The address of a rule's section in docs/rules.md, whose heading is the rule's id. */
export function ruleDocsUrl(ruleId: string): string {
  return `${RULES_DOC_URL}#${githubAnchor(ruleId)}`;
}
