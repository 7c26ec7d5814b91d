// The per-rule settings of package.json's contributes.configuration, made from the rule table so that the
// manifest and the rules cannot drift apart (test/manifest checks it; sync.ts writes it).

import { RULES, RuleGroup, SeveritySetting, docsUrl, settingName } from '../../server/src/service';

export const RULE_SETTING_PREFIX = 'iisMetabase.rules.';

const LEVELS: SeveritySetting[] = ['off', 'information', 'warning', 'error'];
const LEVEL_DESCRIPTIONS = ['Do not check this rule.', 'Report as information.', 'Report as a warning.', 'Report as an error.'];

export interface RuleSetting {
  type: 'string';
  enum: SeveritySetting[];
  enumDescriptions: string[];
  default: SeveritySetting;
  scope: 'resource';
  markdownDescription: string;
}

/** Said on the settings of an opt-in group's rules. */
const GROUP_NOTE: Record<RuleGroup, string> = {
  migration: '\n\nA migration-readiness rule: checked only when `#iisMetabase.migration.enable#` is on.',
};

/** One setting per rule, in table order. */
export function ruleSettings(): Record<string, RuleSetting> {
  const settings: Record<string, RuleSetting> = {};
  for (const rule of RULES) {
    settings[settingName(rule.id)] = {
      type: 'string',
      enum: LEVELS,
      enumDescriptions: LEVEL_DESCRIPTIONS,
      default: rule.severity,
      scope: 'resource',
      markdownDescription: `${rule.title} ${rule.consequence}${rule.group ? GROUP_NOTE[rule.group] : ''}\n\n[Rule documentation](${docsUrl(rule.id)})`,
    };
  }
  return settings;
}

/** `properties` with its rule settings replaced by `ruleSettings()`, the other settings kept first. */
export function withRuleSettings(properties: Record<string, unknown>): Record<string, unknown> {
  const others = Object.entries(properties).filter(([key]) => !key.startsWith(RULE_SETTING_PREFIX));
  return { ...Object.fromEntries(others), ...ruleSettings() };
}
