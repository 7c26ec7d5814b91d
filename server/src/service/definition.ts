// Go to definition: every provider's answers, concatenated (each knows its own positions).

import { TextDocument } from 'vscode-languageserver-textdocument';
import { Location, Position } from 'vscode-languageserver-types';
import { MetabaseModel } from './languageService';
import { scriptMapsDefinition } from './inheritance';

type DefinitionProvider = (document: TextDocument, model: MetabaseModel, position: Position) => Location[];

const PROVIDERS: readonly DefinitionProvider[] = [scriptMapsDefinition];

export function definition(document: TextDocument, model: MetabaseModel, position: Position): Location[] {
  return PROVIDERS.flatMap((provide) => provide(document, model, position));
}
