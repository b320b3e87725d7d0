import { defineConfigRule } from '../../rule';
import { readNewsdeskSettings } from '../../site';

export default defineConfigRule({
  id: 'config/invalid-setting',
  description: 'A `newsdesk:` setting in `_config.yml` is not valid',
  defaultSeverity: 'warning',
  docs: 'Settings under `newsdesk:` in `_config.yml` configure the checks for the editor, the CLI and other editors alike. An unknown rule id, a severity other than `error`, `warning`, `info`, `hint` or `off`, or a list that is not a list of strings is reported here and ignored; the rest of the settings still apply.',
  check({ config, catalog, report }) {
    if (config.doc.errors.length) return;
    for (const problem of readNewsdeskSettings(config.doc, catalog).problems) report(problem);
  },
});
