import { MixModelerError } from '../errors';
import { DEFAULT_WORKSPACE } from '../store/layout';
import { listModels } from '../store/models';
import { VERSION } from '../version';
import { dataCommand } from './data';
import { dataImportCommand } from './data-import';
import { harmonizeCommand } from './harmonize';
import { runDue } from '../store/run-due';
import { modelCommand } from './model';
import { insightsCommand } from './insights';
import { mtaCommand } from './mta';
import { planCommand } from './plan';
import { sampleCommand } from './sample';
import type { Out } from './options';
import { printable } from './printable';

const USAGE = `mixmodeler ${VERSION}: marketing mix modeling and attribution

usage: mixmodeler [--workspace DIR] [--json] COMMAND

commands:
  data import FILE --as summary|events|conversions|factors [--name NAME] [--engine duckdb]
                    validates a CSV, JSON, NDJSON, Arrow or Parquet file and stores it as a dataset
                    (--engine duckdb: aggregate event data larger than memory out of core)
  data list         the stored datasets (a folder whose import did not finish is named as a warning)
  data delete NAME  removes a stored dataset (then harmonize again)
  harmonize [--rules FILE] [--grain week|day]
                    maps, merges and aggregates the datasets into the harmonized dataset
  sample [--out DIR]
                    writes the built-in example data and its truth (default WORKSPACE/sample),
                    imports it and harmonizes the workspace
  mta [--method latent-intent|shapley|markov|markov-2|last|first|linear|time-decay|position]
      [--lookback-days N] [--model ID] [--out FILE]
                    attributes event-level conversions to channels ({method, channels} with --json);
                    --model scales touch scores to the model's incremental contribution per week and
                    channel and reports the factors; --out writes one score per touchpoint as CSV,
                    Parquet (.parquet) or Arrow (.arrow)
  model list        the models of the workspace
  model create --config model.json      builds a model: stores, trains and scores it
  model show ID | duplicate ID | delete ID...
  model edit ID [--name N] [--description D] [--schedule on|off] [--frequency daily|weekly|monthly]
  model train ID [--last-2-years | --from DATE --to DATE]
  model score ID [--from DATE | --from DATE --to DATE --replace]
  insights ID [--figures DIR]
                    ROI with 90% intervals, contributions, shares and fit of the model's current
                    version (the whole insights document with --json; --figures writes plotly specs)
  plan create ID --budget AMOUNT | --target OUTCOME [--weeks N (13)] [--bounds FILE] [--name NAME]
                    the allocation that maximizes the outcome for the budget (or reaches the target at
                    least spend) over N weeks; bounds FILE: {"bounds":{ch:{min,max,minRelative,
                    maxRelative}},"locked":[ch]}; stored with the model version it used
  plan show PLAN_ID | plan list
  run-due           re-trains and scores the scheduled models that are due (for cron)
  version           the library version
`;

/** Parsed global flags and the remaining words. */
interface Args {
  workspace: string;
  json: boolean;
  words: string[];
}

function parse(argv: string[]): Args {
  const args: Args = { workspace: DEFAULT_WORKSPACE, json: false, words: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--workspace') {
      const dir = argv[++i];
      if (dir === undefined) throw new MixModelerError('E_USAGE', '`--workspace` needs a folder');
      args.workspace = dir;
    } else args.words.push(a);
  }
  return args;
}

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

/**
 * Runs one CLI command and returns its exit code. Errors go to `stderr` with a non-zero code; with
 * `--json` the result is one JSON document on `stdout`.
 */
export async function run(argv: string[], rawStdout: Out, stderr: Out): Promise<number> {
  let stdout = rawStdout;
  try {
    const args = parse(argv);
    // Text output reaches a terminal: names with ESC sequences or other controls are shown escaped,
    // whichever command prints them (JSON escapes what it needs itself).
    if (!args.json) stdout = { write: (text: string) => rawStdout.write(printable(text, '\n\t')) };
    const [cmd, sub] = args.words;
    if (cmd === undefined || cmd === 'help' || cmd === '--help') {
      stdout.write(USAGE);
      return 0;
    }
    if (cmd === 'version' || cmd === '--version') {
      stdout.write(args.json ? JSON.stringify({ version: VERSION }) + '\n' : VERSION + '\n');
      return 0;
    }
    if (cmd === 'data' && sub === 'import') return await dataImportCommand(args.words.slice(2), args, stdout);
    if (cmd === 'data' && sub !== undefined) return dataCommand(sub, args.words.slice(2), args, stdout);
    if (cmd === 'harmonize') return await harmonizeCommand(args.words.slice(1), args, stdout);
    if (cmd === 'sample') return await sampleCommand(args.words.slice(1), args, stdout);
    if (cmd === 'mta') return await mtaCommand(args.words.slice(1), args, stdout);
    if (cmd === 'model' && sub === 'list') {
      const models = listModels(args.workspace);
      if (args.json) stdout.write(JSON.stringify({ models }) + '\n');
      else if (models.length === 0) stdout.write(`no models in ${args.workspace}\n`);
      else for (const m of models) stdout.write(`${m.id}\t${m.status}\t${printable(m.name)}\n`);
      return 0;
    }
    if (cmd === 'run-due') {
      const ran = await runDue(args.workspace);
      if (args.json) stdout.write(JSON.stringify({ ran }) + '\n');
      else if (ran.length === 0) stdout.write('no scheduled model is due\n');
      else for (const r of ran) stdout.write(`${r.id}\t${r.status}${r.skipped ? `\tskipped: ${r.skipped}` : ''}\n`);
      return 0;
    }
    if (cmd === 'insights') return await insightsCommand(args.words.slice(1), args, stdout);
    if (cmd === 'plan') return await planCommand(sub, args.words.slice(2), args, stdout);
    if (cmd === 'model') return await modelCommand(sub, args.words.slice(2), args, stdout, stderr);
    throw new MixModelerError('E_USAGE', `unknown command \`${args.words.join(' ')}\`; see \`mixmodeler help\``);
  } catch (e) {
    const code = e instanceof MixModelerError ? e.code : 'E_INTERNAL';
    stderr.write(`mixmodeler: ${printable(String((e as Error)?.message ?? e), '\n')} [${code}]\n`);
    return e instanceof MixModelerError && e.code === 'E_USAGE' ? 2 : 1;
  }
}
