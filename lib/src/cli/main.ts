import { run } from './run';
import type { Out } from './options';

/**
 * `stream` for the CLI's output, made quiet once its reader has gone: a reader that stops early
 * (`mixmodeler insights ID | head -1`) closes the pipe, and the rest of the output has nowhere to go.
 * That is the reader's choice, not a failure: the command still finishes (a store write is never cut
 * short) and exits with its own code, where Node would throw the EPIPE with a stack trace. Other
 * stream errors stay fatal.
 */
function quietWhenClosed(stream: NodeJS.WriteStream): Out & { isTTY: boolean } {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed = true;
  });
  // isTTY passes through: the progress bar draws only on a terminal.
  return { write: (text: string) => closed || stream.write(text), isTTY: stream.isTTY === true };
}

void run(process.argv.slice(2), quietWhenClosed(process.stdout), quietWhenClosed(process.stderr)).then((code) => {
  process.exitCode = code;
});
