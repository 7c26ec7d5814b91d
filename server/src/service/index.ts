// The public face of the language service.

export { runInSlices, segmentAt, TextChange } from './model/document';
export {
  parseModel, updateModel, parseSteps, updateSteps, MetabaseModel, ModelSteps, validate, eachDiagnostic, codeActions, fixAll, applyEdits, severityOf, MetabaseSettings, DEFAULT_SETTINGS, SOURCE, FIX_ALL_KIND, FIX_ALL_TITLE,
} from './languageService';
export { hover } from './hover';
export { RULES, RULES_BY_ID, Rule, RuleGroup, RuleId, Severity, SeveritySetting, settingName, docsUrl } from './rules/table';
export {
  documentSymbols, workspaceSymbols, foldingRanges, definition, references, RenameError, prepareRename, rename, selectionRanges,
} from './navigation';
export { completion, COMPLETION_TRIGGERS } from './completion';
export { listActions, LIST_ACTION_KINDS, COPY_COMMAND } from './actions';
export { scriptMapsLenses } from './inheritance';
