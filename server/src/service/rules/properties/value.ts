// One property value being checked: the attribute, its decoded text (with the raw offset of each decoded
// character), and the findings and edits the value rules are made of.

import { quoted } from '../../quote';
import { DecodedText } from '../../xml/entities';
import { Attribute } from '../../xml/tree';
import { deletesLineBreak, replaceDecoded, rewriteDecoded } from '../edits';
import { Edit, Finding, Fix } from '../finding';
import { RuleId } from '../table';

export class PropertyValue {
  readonly value: DecodedText;

  constructor(readonly text: string, readonly attribute: Attribute, readonly findings: Finding[]) {
    this.value = DecodedText.decode(text, attribute.valueStart, attribute.valueEnd);
  }

  get decoded(): string {
    return this.value.text;
  }

  /**
   * Reports decoded [start, end); an empty value is reported on its quotes. A fix that would delete a raw
   * line break (white space around a value or between flag names) would join two lines of the file: it is
   * not offered.
   */
  report(rule: RuleId, start: number, end: number, message: string, fixes: Fix[] = []): void {
    const range = this.decoded === ''
      ? { start: this.attribute.valueStart - 1, end: this.attribute.valueEnd + 1 }
      : { start: this.value.raw(start), end: this.value.raw(end) };
    const kept = fixes.filter((f) => !f.edits.some((e) => deletesLineBreak(this.text, e)));
    this.findings.push({ rule, ...range, message, fixes: kept });
  }

  /** The whole value reported. */
  reportAll(rule: RuleId, message: string, fixes: Fix[] = []): void {
    this.report(rule, 0, this.decoded.length, message, fixes);
  }

  /** A fix that turns decoded [start, end) into `decoded`, with minimal edits. */
  fix(title: string, start: number, end: number, decoded: string, preferred = false): Fix {
    return { title, edits: rewriteDecoded(this.value, start, end, decoded, this.attribute.quote), preferred };
  }

  /** A fix that replaces the whole value. */
  fixAll(title: string, decoded: string, preferred = false): Fix {
    return this.fix(title, 0, this.decoded.length, decoded, preferred);
  }

  /** An edit that replaces decoded [start, end) as one piece. */
  replace(start: number, end: number, decoded: string): Edit {
    return replaceDecoded(this.value, start, end, decoded, this.attribute.quote);
  }
}

/** A value in a message: quoted (see quoted), or "an empty value". */
export function quotedValue(text: string): string {
  return text === '' ? 'an empty value' : quoted(text);
}
