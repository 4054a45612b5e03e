import { describe, expect, it } from 'vitest';
import { runCaptured } from './run';

/** Every command and subcommand with the options its `--help` must name (the global ones on every page). */
const COMMANDS: [string, string[]][] = [
  ['data', []],
  ['data import', ['--as', '--name', '--engine']],
  ['data list', []],
  ['data delete', []],
  ['harmonize', ['--rules', '--grain']],
  ['sample', ['--out']],
  ['mta', ['--method', '--lookback-days', '--model', '--out']],
  ['model', []],
  ['model list', []],
  ['model create', ['--config']],
  ['model show', []],
  ['model duplicate', []],
  ['model edit', ['--name', '--description', '--schedule', '--frequency']],
  ['model delete', []],
  ['model train', ['--last-2-years', '--all-data', '--from', '--to']],
  ['model score', ['--from', '--to', '--replace']],
  ['insights', ['--figures']],
  ['plan', []],
  ['plan create', ['--budget', '--target', '--weeks', '--bounds', '--name']],
  ['plan show', []],
  ['plan list', []],
  ['run-due', []],
  ['version', []],
  ['help', []],
];
const LEAVES = COMMANDS.map(([c]) => c).filter((c) => !['data', 'model', 'plan'].includes(c));

describe('mixmodeler COMMAND --help', () => {
  it.each(COMMANDS)('`mixmodeler %s --help` exits 0 naming its options', async (command, options) => {
    const r = await runCaptured([...command.split(' '), '--help']);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain(`Usage: mixmodeler ${command} `);
    for (const o of [...options, '--workspace', '--json', '--help']) expect(r.out).toContain(o);
  });

  it.each(COMMANDS)('`mixmodeler help %s` prints the same page as `%s --help`', async (command) => {
    const help = await runCaptured(['help', ...command.split(' ')]);
    const flag = await runCaptured([...command.split(' '), '--help']);
    expect([help.code, help.err, help.out]).toEqual([0, '', flag.out]);
  });

  it('`mixmodeler help` (and no command, and --help) lists every command and the global options', async () => {
    for (const argv of [['help'], [], ['--help'], ['--workspace', 'ws', '--json', 'help']]) {
      const r = await runCaptured(argv);
      expect([r.code, r.err]).toEqual([0, '']);
      for (const c of LEAVES) expect(r.out).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
      expect(r.out).toContain('--workspace <dir>');
      expect(r.out).toContain('--json');
    }
  });

  it('`mixmodeler mta --help` works after the global options, with --json', async () => {
    const r = await runCaptured(['--workspace', 'ws', 'mta', '--json', '--help']);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('--lookback-days <n>');
  });

  it('`mixmodeler --version` and `version` print the version, as {version} with --json', async () => {
    const text = await runCaptured(['--version']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
    for (const argv of [
      ['version', '--json'],
      ['--json', '--version'],
      ['--version', '--json'],
    ]) {
      const r = await runCaptured(argv);
      expect([r.code, r.err]).toEqual([0, '']);
      expect(JSON.parse(r.out)).toEqual({ version: text.out.trim() });
    }
  });
});

describe('mixmodeler usage errors', () => {
  it.each([
    [['mta', '--frob'], /^mixmodeler: unknown option `--frob`; see `mixmodeler mta --help` \[E_USAGE\]\n$/],
    [['model', 'list', '--frob', 'x'], /unknown option `--frob`/],
    [['--frob', 'model', 'list'], /unknown option `--frob`/],
    [['mta', '--metod', 'markov'], /unknown option `--metod` \(did you mean --method\?\)/],
    [['mta', '--method'], /`--method <method>` argument missing/],
    [['--workspace'], /`--workspace <dir>` argument missing/],
    [['insights'], /missing required argument `id`; see `mixmodeler insights --help`/],
    [['model', 'show', 'a', 'b'], /too many arguments for `show`/],
    [['model'], /`model` needs a command \(list, create,/],
    [['model', 'frob'], /unknown command `model frob`/],
    [['help', 'frob'], /unknown command `frob`/],
  ])('`mixmodeler %j` exits 2 with E_USAGE naming the problem', async (argv, message) => {
    const r = await runCaptured(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/^mixmodeler: .* \[E_USAGE\]\n$/);
  });
});
