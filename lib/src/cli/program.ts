import { Command, Help } from 'commander';
import { MixModelerError } from '../errors';
import { DEFAULT_MTA_METHOD, MTA_METHODS } from '../mta/attribute';
import { DEFAULT_WORKSPACE } from '../fs/layout';
import { VERSION } from '../version';
import { dataDeleteCommand, dataListCommand } from './data';
import { dataImportCommand, type DataImportOptions } from './data-import';
import { harmonizeCommand, type HarmonizeOptions } from './harmonize';
import { insightsCommand } from './insights';
import * as model from './model';
import { DEFAULT_LOOKBACK_DAYS, mtaCommand, type MtaOptions } from './mta';
import type { GlobalFlags, Out } from './options';
import * as plan from './plan';
import { printable } from './printable';
import { runDueCommand } from './run-due';
import { sampleCommand } from './sample';

/** What a parse of the program leaves behind: the command's exit code, and the deepest command reached. */
export interface ProgramResult {
  code: number;
  reached: Command;
}

/** A command's words below the program: `model create` for `mixmodeler model create`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

const BASE_HELP = new Help();

/**
 * The CLI's one definition: every command, subcommand, argument and option with its description. Commander
 * parses the line from it and generates `mixmodeler help`, `mixmodeler COMMAND --help` and the usage
 * errors. Built fresh for each run (no state outlives a run); it never exits the process: a usage error
 * is thrown as a `CommanderError` (see `run`), help goes to `stdout`.
 *
 * `--workspace DIR` and `--json` belong to the program, so they are read anywhere on the line, before or
 * after the command's words.
 */
const MASTER_HELP =
  'with --engine spark: local[2] (default), yarn, spark://host:7077 or a Spark Connect sc://host:15002';

export function cliProgram(rawStdout: Out, stderr: Out): { program: Command; result: ProgramResult } {
  const program = new Command('mixmodeler');
  const result: ProgramResult = { code: 0, reached: program };
  const global = (): GlobalFlags => {
    const o = program.opts<{ workspace: string; json?: boolean }>();
    return { workspace: o.workspace, json: o.json === true };
  };
  // Text output reaches a terminal: names with ESC sequences or other controls are shown escaped,
  // whichever command prints them (JSON escapes what it needs itself).
  const stdout: Out = { write: (t: string) => rawStdout.write(global().json ? t : printable(t, '\n\t')) };
  const act =
    <A extends unknown[]>(run: (...args: A) => number | Promise<number>) =>
    async (...args: A) => {
      result.code = await run(...args);
    };

  // Settings first: subcommands copy them when they are created.
  program
    .description(`mixmodeler ${VERSION}: marketing mix modeling and attribution`)
    .exitOverride()
    .configureOutput({
      writeOut: (t) => stdout.write(t),
      writeErr: (t) => stderr.write(t),
      outputError: () => {}, // `run` prints the error in the house form
    })
    .configureHelp({
      showGlobalOptions: true,
      // A group lists its subcommands in place (`model create`, `model train`, …), as one usage page.
      visibleCommands: (cmd) =>
        BASE_HELP.visibleCommands(cmd).flatMap((c) => (c.commands.length ? BASE_HELP.visibleCommands(c) : [c])),
      subcommandTerm: (c) => {
        const parent = c.parent?.parent ? `${c.parent.name()} ` : '';
        return parent + BASE_HELP.subcommandTerm(c);
      },
    })
    .option('--workspace <dir>', 'the workspace folder', DEFAULT_WORKSPACE)
    .option('--json', 'print the result as one JSON document on stdout (errors stay on stderr)')
    .option('-V, --version', 'print the version')
    .addHelpText(
      'after',
      '\n`--workspace` and `--json` go anywhere on the line.\n' +
        '`mixmodeler help COMMAND` or `mixmodeler COMMAND --help` shows one command.',
    );

  const data = program.command('data').description('the stored datasets');
  data
    .command('import')
    .description(
      'validates a CSV, JSON, NDJSON, Arrow or Parquet file and stores it as a dataset (`--json`: {dataset})',
    )
    .argument('<file>', 'the file to import')
    .option('--as <kind>', 'summary|events|conversions|factors (required)')
    .option('--name <name>', "the dataset's name (default: the file's name without extension)")
    .option(
      '--engine <engine>',
      'memory (default), or duckdb with `--as events`: aggregates event data larger than memory out of core, ' +
        'or spark: the same aggregation on Spark, of Parquet events (a file, folder or URI; set up on first use, ~520 MB)',
    )
    .option('--master <url>', MASTER_HELP)
    .action(act((file: string, o: DataImportOptions) => dataImportCommand(file, o, global(), stdout)));
  data
    .command('list')
    .description('the stored datasets (a folder whose import did not finish is named as a warning)')
    .action(act(() => dataListCommand(global(), stdout)));
  data
    .command('delete')
    .description('removes a stored dataset (then harmonize again)')
    .argument('<name>', 'the dataset')
    .action(act((name: string) => dataDeleteCommand(name, global(), stdout)));

  program
    .command('harmonize')
    .description('maps, merges and aggregates the datasets into the harmonized dataset')
    .option('--rules <file>', 'the mapping rules (JSON): column and value names to canonical ones')
    .option('--grain <grain>', 'week|day (default: week)')
    .action(act((o: HarmonizeOptions) => harmonizeCommand(o, global(), stdout)));

  program
    .command('sample')
    .description('writes the built-in example data and its truth, imports it and harmonizes the workspace')
    .option('--out <dir>', 'where the files go (default: WORKSPACE/sample)')
    .action(act((o: { out?: string }) => sampleCommand(o, global(), stdout)));

  program
    .command('mta')
    .description(
      'attributes event-level conversions to channels ({method, channels} with --json); ' +
        "--model scales touch scores to the model's incremental contribution per week and channel " +
        'and reports the factors',
    )
    .option('--method <method>', `${MTA_METHODS.join('|')} (default: ${DEFAULT_MTA_METHOD})`)
    .option(
      '--lookback-days <n>',
      `the days of touches before a conversion, 1 to 365, or auto: the days that cover 95% of the ` +
        `touch-to-conversion gaps (default: ${DEFAULT_LOOKBACK_DAYS})`,
    )
    .option('--model <id>', "scale the scores to this model's incremental contribution")
    .option('--out <file>', 'writes one score per touchpoint as CSV, Parquet (.parquet) or Arrow (.arrow)')
    .option(
      '--engine <engine>',
      'memory, or duckdb: journeys built out of core in SQL (default when events were imported with --engine duckdb), ' +
        'or spark: the same SQL on Spark (set up on first use, ~520 MB; --out is then a folder of Parquet files)',
    )
    .option('--master <url>', MASTER_HELP)
    .action(act((o: MtaOptions) => mtaCommand(o, global(), stdout, {}, stderr)));

  const models = program.command('model').description('the models of the workspace');
  models
    .command('list')
    .description('the models of the workspace')
    .action(act(() => model.modelListCommand(global(), stdout)));
  models
    .command('create')
    .description('builds a model: stores, trains and scores it (`--json`: the new model, {id, ...})')
    .option('--config <file>', 'the model config, model.json (required)')
    .action(act((o: { config?: string }) => model.modelCreateCommand(o, global(), stdout, stderr)));
  models
    .command('show')
    .description("the model's whole record")
    .argument('<id>', 'the model')
    .action(act((id: string) => model.modelShowCommand(id, global(), stdout)));
  models
    .command('duplicate')
    .description("a new model with the model's config, awaiting training")
    .argument('<id>', 'the model')
    .action(act((id: string) => model.modelDuplicateCommand(id, global(), stdout, stderr)));
  models
    .command('edit')
    .description("changes a model's name, description or schedule")
    .argument('<id>', 'the model')
    .option('--name <name>', 'the new name')
    .option('--description <text>', 'the new description')
    .option('--schedule <state>', 'on|off: whether `run-due` re-trains and scores the model')
    .option('--frequency <frequency>', 'daily|weekly|monthly: how often a scheduled model is due')
    .action(act((id: string, o: model.ModelEditOptions) => model.modelEditCommand(id, o, global(), stdout, stderr)));
  models
    .command('delete')
    .description('removes the models (all ids are checked first)')
    .argument('<id...>', 'the models')
    .action(act((ids: string[]) => model.modelDeleteCommand(ids, global(), stdout)));
  models
    .command('train')
    .description('trains a new version of each model; several train at the same time, in worker threads')
    .argument('<id...>', 'the models')
    .option('--last-2-years', 'on the last two years of data (the default)')
    .option('--all-data', 'on every period of the data')
    .option('--from <date>', 'a custom window from DATE (with --to)')
    .option('--to <date>', 'a custom window to DATE (with --from)')
    .option('--parallel <n>', 'how many models train at once (default: one per core)')
    .action(
      act(
        (
          ids: string[],
          o: { last2Years?: boolean; allData?: boolean; from?: string; to?: string; parallel?: string },
        ) => model.modelTrainCommand(ids, o, global(), stdout, stderr),
      ),
    );
  models
    .command('score')
    .description('scores the periods after the last scored one, or re-scores a range')
    .argument('<id>', 'the model')
    .option('--from <date>', 'score from DATE on')
    .option('--to <date>', 'with --from: re-score the range up to DATE')
    .option('--replace', 'replace the stored scores in the range (asked on a terminal)')
    .action(
      act((id: string, o: { from?: string; to?: string; replace?: boolean }) =>
        model.modelScoreCommand(id, o, global(), stdout),
      ),
    );

  program
    .command('insights')
    .description(
      "ROI with 90% intervals, contributions, shares and fit of the model's current version " +
        '(the whole insights document with --json)',
    )
    .argument('<id>', 'the model')
    .option('--figures <dir>', 'writes every insight figure there as a plotly JSON spec')
    .action(act((id: string, o: { figures?: string }) => insightsCommand(id, o, global(), stdout)));

  const plans = program.command('plan').description('budget plans on a model');
  plans
    .command('create')
    .description(
      'the allocation that maximizes the outcome for the budget (or reaches the target at least spend) ' +
        'over N weeks; stored with the model version it used',
    )
    .argument('<id>', 'the model')
    .option('--budget <amount>', 'the spend to allocate (this or --target)')
    .option('--target <outcome>', 'the outcome to reach at least spend (this or --budget)')
    .option('--weeks <n>', `the weeks the plan covers (default: ${plan.DEFAULT_PLAN_WEEKS})`)
    .option(
      '--bounds <file>',
      'limits: {"bounds":{CHANNEL:{min,max,minRelative,maxRelative}},"locked":[CHANNEL]}; geo-level models also ' +
        '"geoBounds":{GEO:{...}} (a geo over its channels) and "cellBounds":{GEO:{CHANNEL:{...}}}',
    )
    .option(
      '--default-bounds <min,max|none>',
      'limits of channels (of geo x channel cells on a geo-level model) without their own, as multiples of current spend (default: 0.5,1.5; none: 0 to the budget)',
    )
    .option('--name <name>', "the plan's name")
    .action(act((id: string, o: plan.PlanCreateOptions) => plan.planCreateCommand(id, o, global(), stdout)));
  plans
    .command('show')
    .description('a stored plan')
    .argument('<plan-id>', 'the plan')
    .action(act((id: string) => plan.planShowCommand(id, global(), stdout)));
  plans
    .command('list')
    .description('the stored plans')
    .action(act(() => plan.planListCommand(global(), stdout)));
  plans
    .command('rename')
    .description("a stored plan's new name (its allocation never changes)")
    .argument('<plan-id>', 'the plan')
    .argument('<name>', 'the new name')
    .action(act((id: string, name: string) => plan.planRenameCommand(id, name, global(), stdout)));
  plans
    .command('delete')
    .description('removes stored plans')
    .argument('<plan-id...>', 'the plans')
    .action(act((ids: string[]) => plan.planDeleteCommand(ids, global(), stdout)));

  program
    .command('run-due')
    .description('re-trains and scores the scheduled models that are due (for cron), several at the same time')
    .option('--parallel <n>', 'how many models train at once (default: one per core)')
    .action(act((o: { parallel?: string }) => runDueCommand(o, global(), stdout)));

  const printVersion = () => {
    stdout.write(global().json ? JSON.stringify({ version: VERSION }) + '\n' : VERSION + '\n');
    return 0;
  };
  program.command('version').description('the library version').action(act(printVersion));

  program
    .command('help')
    .description('this page, or the help of a command')
    .argument('[command...]', 'the command, e.g. `model create`')
    .action(
      act((words: string[]) => {
        let target = program;
        for (const [i, w] of words.entries()) {
          const next = target.commands.find((c) => c.name() === w);
          if (!next) throw unknownCommand(words.slice(0, i + 1));
          target = next;
        }
        target.outputHelp();
        return 0;
      }),
    );

  // A group without a known subcommand: the program shows this page (or its version), the others refuse.
  for (const group of [program, data, models, plans]) {
    group
      .allowExcessArguments() // set after the subcommands were made, which keep the strict default
      .hook('preSubcommand', (_, sub) => {
        result.reached = sub;
      })
      .action(
        act((_opts: unknown, cmd: Command) => {
          const path = commandPath(group);
          if (cmd.args.length > 0) throw unknownCommand([...(path ? [path] : []), ...cmd.args]);
          if (group !== program) {
            const subs = group.commands.map((c) => c.name()).join(', ');
            throw new MixModelerError(
              'E_USAGE',
              `\`${path}\` needs a command (${subs}); see \`mixmodeler ${path} --help\``,
            );
          }
          if (program.opts<{ version?: boolean }>().version) return printVersion();
          program.outputHelp();
          return 0;
        }),
      );
  }
  return { program, result };
}

function unknownCommand(words: string[]): MixModelerError {
  return new MixModelerError('E_USAGE', `unknown command \`${words.join(' ')}\`; see \`mixmodeler help\``);
}
