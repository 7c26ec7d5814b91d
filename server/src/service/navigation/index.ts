// Navigation: outline, workspace symbols, folding, definitions, references, rename and selection ranges,
// pure functions over a document and its model.

export { documentSymbols } from './symbols';
export { workspaceSymbols } from './workspaceSymbols';
export { foldingRanges } from './folding';
export { definition } from './definitions';
export { references } from './references';
export { RenameError, prepareRename, rename } from './rename';
export { selectionRanges } from './selection';
