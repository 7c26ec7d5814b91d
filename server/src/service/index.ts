// The public face of the language service.

export {
  parseModel, updateModel, parseSteps, updateSteps, runInSlices, segmentAt, MetabaseModel, ModelSteps, TextChange,
} from './model/document';
export {
  validate, codeActions, fixAll, applyEdits, severityOf, MetabaseSettings, DEFAULT_SETTINGS, SOURCE, FIX_ALL_KIND, FIX_ALL_TITLE,
} from './languageService';
export { hover } from './hover';
export { RULES, RULES_BY_ID, Rule, RuleId, Severity, SeveritySetting, settingName, docsUrl } from './rules/table';
