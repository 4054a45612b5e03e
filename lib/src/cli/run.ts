import { CommanderError, type Command } from 'commander';
import { MixModelerError } from '../errors';
import type { Out } from './options';
import { printable } from './printable';
import { cliProgram, commandPath } from './program';

/**
 * Runs one CLI command in this process and returns its exit code with what it wrote to stdout and
 * stderr: for embedding the CLI (tests, notebooks) without a child process.
 *
 * @example (await runCaptured(['--workspace', 'ws', 'model', 'list', '--json'])).out
 */
export async function runCaptured(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { write: (t: string) => (out += t) }, { write: (t: string) => (err += t) });
  return { code, out, err };
}

/** Commander's message in the house form: `unknown option \`--x\`; see \`mixmodeler mta --help\``. */
function usageMessage(e: CommanderError, reached: Command): string {
  const text = e.message
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.+)\?\)$/, ' (did you mean $1?)')
    .replace(/'([^']*)'/g, '`$1`')
    .replace(/\.$/, '');
  const path = commandPath(reached);
  return `${text}; see \`mixmodeler ${path ? path + ' ' : ''}--help\``;
}

/**
 * Runs one CLI command and returns its exit code: 0, 1 for an error, 2 for a usage error (`E_USAGE`).
 * Errors go to `stderr` as `mixmodeler: <message> [<CODE>]`; with `--json` the result is one JSON
 * document on `stdout`. `--help` and `help` print the generated help on `stdout`.
 */
export async function run(argv: string[], stdout: Out, stderr: Out): Promise<number> {
  const { program, result } = cliProgram(stdout, stderr);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (thrown) {
    let e = thrown;
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0; // help was shown
      e = new MixModelerError('E_USAGE', usageMessage(e, result.reached));
    }
    const code = e instanceof MixModelerError ? e.code : 'E_INTERNAL';
    stderr.write(`mixmodeler: ${printable(String((e as Error)?.message ?? e), '\n')} [${code}]\n`);
    return e instanceof MixModelerError && e.code === 'E_USAGE' ? 2 : 1;
  }
}
