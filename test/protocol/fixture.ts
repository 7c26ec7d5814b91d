// The metabase the protocol tests edit: CRLF line ends, three findings on known ranges.

import { Diagnostic, Range } from 'vscode-languageserver-protocol';

export const LINES = [
  '<?xml version ="1.0"?>',
  '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
  '<MBProperty>',
  '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
  '\t\tScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5x,GET,HEAD,POST',
  '\t\t\tpl,C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s,5,get,HEAD,POST"',
  '\t>',
  '</IIsWebVirtualDir>',
  '</MBProperty>',
  '</configuration>',
  '',
];

export const TEXT = LINES.join('\r\n');

export function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Where the findings of TEXT are: the flags `5x`, the extension `pl`, the verb `get`. */
export const FLAGS = range(4, 55, 57);
export const EXTENSION = range(5, 3, 5);
export const VERB = range(5, 47, 50);

/** The parts of a diagnostic a test compares: rule and range. */
export function summary(diagnostics: Diagnostic[]): Array<[string, Range]> {
  return diagnostics.map((d) => [String(d.code), d.range]);
}
