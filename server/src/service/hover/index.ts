import { TextDocument } from 'vscode-languageserver-textdocument';
import { Hover, Position } from 'vscode-languageserver-types';
import { MetabaseModel } from '../model/document';
import { MetabaseSettings } from '../languageService';

export function hover(_document: TextDocument, _model: MetabaseModel, _position: Position, _settings: MetabaseSettings): Hover | null {
  return null;
}
