// MessageFlow against vscode-jsonrpc's own dispatch: a build that pauses with `drain` lets every message
// waiting on the connection through before its next time slice.

import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { MessageFlow } from '../../server/src/messages';

describe('MessageFlow', () => {
  it('drain returns only after the messages waiting on the connection were handled', async () => {
    const [toServer, toClient] = [new PassThrough(), new PassThrough()];
    const flow = new MessageFlow(() => new Promise((resolve) => setImmediate(resolve)));
    const server = createMessageConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient), undefined, flow.options);
    const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const handled: number[] = [];
    server.onNotification('edit', (n: number) => { handled.push(n); });
    server.listen();
    client.listen();
    try {
      for (let n = 0; n < 200; n++) await client.sendNotification('edit', n);
      // Let the server read them: the first one handled means all 200 are queued (they came in one chunk or a few).
      while (handled.length === 0) await new Promise((resolve) => setImmediate(resolve));
      const before = handled.length;
      await flow.drain();
      assert.ok(before < 200, `all ${before} were handled before the drain: the test shows nothing`);
      assert.equal(handled.length, 200, `${handled.length} of 200 handled after drain`);
    } finally {
      server.dispose();
      client.dispose();
    }
  });

});
