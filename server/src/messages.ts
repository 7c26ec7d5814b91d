// The connection's message flow. vscode-jsonrpc dispatches one message per event-loop turn under Node
// (setImmediate), so a model built in 20 ms time slices let one message through per slice: an edit every
// 10 ms then outran the server, and hovers waited behind a growing queue (tens of seconds in the flood
// benchmark). Counting the messages dispatched lets a build give the connection turns until it is idle.
// It also renames a malformed `initialize`, and any other request whose params are not an object, before
// the library reads them (see MALFORMED_INITIALIZE and MALFORMED_PARAMS).

import { ConnectionOptions, Message, RequestMessage } from 'vscode-languageserver';
import { isObject } from './params';

/**
 * The method an `initialize` without an object of capabilities is renamed to: vscode-languageserver reads
 * `params.capabilities` before any handler runs, and would answer -32603.
 */
export const MALFORMED_INITIALIZE = '$/iisMetabase/malformedInitialize';

/**
 * The method a request whose params are not an object is renamed to (its params: the method asked for):
 * the library reads `params.workDoneToken` before the handler runs, and would answer -32603. Every LSP
 * request but `shutdown` (and the server's own) takes an object.
 */
export const MALFORMED_PARAMS = '$/iisMetabase/malformedParams';

/** Turns given to the connection between two slices of a build, at most: a bound, should messages never stop. */
const MAX_TURNS = 10_000;

export class MessageFlow {
  private dispatched = 0;

  /**
   * `nextTurn` resolves after one turn of the event loop in which the connection may dispatch a message:
   * setImmediate under Node; in a web worker vscode-jsonrpc dispatches in microtasks, so any task will do.
   */
  constructor(private readonly nextTurn: () => Promise<void>) {}

  readonly options: ConnectionOptions = {
    messageStrategy: {
      handleMessage: (message, next) => {
        this.dispatched++;
        if (Message.isRequest(message) && message.method === 'initialize' && !(isObject(message.params) && isObject(message.params.capabilities))) {
          const renamed: RequestMessage = { ...message, method: MALFORMED_INITIALIZE };
          return next(renamed);
        }
        if (Message.isRequest(message) && message.method !== 'shutdown' && !isObject(message.params)) {
          const renamed: RequestMessage = { ...message, method: MALFORMED_PARAMS, params: { method: message.method } };
          return next(renamed);
        }
        return next(message);
      },
    },
  };

  /**
   * Gives the connection event-loop turns until two in a row pass without a message dispatched: a message
   * read in a turn may be dispatched only after the next one has begun.
   */
  readonly drain = async (): Promise<void> => {
    let quiet = 0;
    for (let turn = 0; turn < MAX_TURNS && quiet < 2; turn++) {
      const before = this.dispatched;
      await this.nextTurn();
      quiet = this.dispatched === before ? quiet + 1 : 0;
    }
  };
}
