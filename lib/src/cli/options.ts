import { MixModelerError } from '../errors';

/** Where a command writes: `stdout` or `stderr`. */
export interface Out {
  write(text: string): unknown;
}

/** The global flags every command honors. */
export interface GlobalFlags {
  workspace: string;
  json: boolean;
}

/**
 * Reads the command's flags out of its words: `--name VALUE` pairs for the names in `flags`, the rest
 * as positional words.
 *
 * @throws MixModelerError E_USAGE on a flag without value, an unknown flag, or a wrong number of words
 * @example commandFlags(['f.csv', '--as', 'summary'], ['as', 'name'], 1) // { words: ['f.csv'], flags: { as: 'summary' } }
 */
export function commandFlags(
  words: readonly string[],
  flags: readonly string[],
  positional: number,
): { words: string[]; flags: Record<string, string> } {
  const out: { words: string[]; flags: Record<string, string> } = { words: [], flags: {} };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('--')) {
      out.words.push(w);
      continue;
    }
    const name = w.slice(2);
    if (!flags.includes(name)) throw new MixModelerError('E_USAGE', `unknown option \`${w}\`; see \`mixmodeler help\``);
    const v = words[++i];
    if (v === undefined) throw new MixModelerError('E_USAGE', `\`${w}\` needs a value`);
    out.flags[name] = v;
  }
  if (out.words.length !== positional) {
    throw new MixModelerError(
      'E_USAGE',
      `expected ${positional} argument(s); got ${out.words.length}: ${out.words.join(' ')}`,
    );
  }
  return out;
}
