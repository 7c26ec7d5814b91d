// fast-xml-parser, the user's XML parser, guards every edit the service proposes: a fix is offered only
// when the key it rewrites still passes fast-xml-parser's validator. (Finding faults is the scanner's
// job: it pinpoints them and finds every fault the validator finds, at half the cost.)

import { XMLValidator } from 'fast-xml-parser';

/** Whether an element's text, as a fix leaves it, is well-formed XML for fast-xml-parser. */
export function keepsWellFormed(elementText: string): boolean {
  return XMLValidator.validate(elementText) === true;
}
