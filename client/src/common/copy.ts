// The command behind the server's "Copy as ..." code actions (its COPY_COMMAND): the server cannot reach
// the clipboard, so its action runs this command with the text to copy and what it is, for the message.

import { Disposable, commands, env, window } from 'vscode';

export function registerCopyCommand(): Disposable {
  return commands.registerCommand('iisMetabase.copyToClipboard', async (text: unknown, what: unknown) => {
    if (typeof text !== 'string') return;
    await env.clipboard.writeText(text);
    window.setStatusBarMessage(`Copied the ${typeof what === 'string' ? what : 'text'} to the clipboard`, 5000);
  });
}
