/** Problems of a site's `_config.yml`, with the severities set for the config rules. */
import { effectiveSeverity } from './lint';
import { RULES_BY_ID } from './rules';
import type { SiteContext } from './site';
import type { Problem, SeveritySetting } from './types';

export function lintConfig(site: SiteContext, severityOverrides?: Record<string, SeveritySetting>): Problem[] {
  const problems: Problem[] = [];
  for (const problem of site.configProblems) {
    const rule = RULES_BY_ID.get(problem.rule);
    if (!rule) continue;
    const severity = effectiveSeverity(rule, { site, severityOverrides });
    if (severity === 'off') continue;
    problems.push({ rule: problem.rule, severity, message: problem.message, offset: problem.range.offset, length: problem.range.length, fixes: [] });
  }
  return problems;
}
