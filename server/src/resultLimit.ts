// What the server tells the client when it cut the outline or the folding ranges of a document to a limit
// (iisMetabase.maxItemsComputed, or the client's own folding rangeLimit), as the JSON language server
// sends json/resultLimitReached. The client (client/src/common/limits.ts) shows it; both read it from here.

export const RESULT_LIMIT_NOTIFICATION = 'iisMetabase/resultLimit';

export const MAX_ITEMS_SETTING = 'iisMetabase.maxItemsComputed';

/** Sent when what is cut of a document's answers changes; a limit absent: that answer is whole. */
export interface ResultLimitParams {
  uri: string;
  /** The most symbols the outline was cut to. */
  outline?: number;
  /** The most folding ranges they were cut to. */
  folding?: number;
}
