import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ConfigError, MixModelerError, ReplaceNotConfirmedError } from '../errors';
import { createModel, duplicateModel, editModel, scoreModel, trainModel } from '../store/lifecycle';
import { deleteModels, readModel, type ModelRecord } from '../store/model-store';
import type { GlobalFlags, Out } from './options';
import { printable } from './printable';
import { progressBar } from './progress-bar';

const VALUED = ['config', 'from', 'to', 'name', 'description', 'schedule', 'frequency'];
const SWITCHES = ['replace', 'last-2-years'];

function split(words: readonly string[]): { ids: string[]; flags: Record<string, string | true> } {
  const ids: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('--')) ids.push(w);
    else if (SWITCHES.includes(w.slice(2))) flags[w.slice(2)] = true;
    else if (VALUED.includes(w.slice(2))) {
      const v = words[++i];
      if (v === undefined) throw new MixModelerError('E_USAGE', `\`${w}\` needs a value`);
      flags[w.slice(2)] = v;
    } else throw new MixModelerError('E_USAGE', `unknown option \`${w}\`; see \`mixmodeler help\``);
  }
  return { ids, flags };
}

const row = (m: ModelRecord) => ({
  id: m.id,
  name: m.name,
  description: m.description,
  conversion: m.conversion,
  runFrequency: m.schedule.enabled ? m.schedule.frequency : null,
  lastRun: m.lastRun,
  status: m.status,
  reasons: m.reasons,
  error: m.error,
  currentVersion: m.currentVersion,
});

function print(global: GlobalFlags, stdout: Out, doc: object, text: string): void {
  stdout.write(global.json ? JSON.stringify(doc) + '\n' : text + '\n');
}

function one(ids: string[], what: string): string {
  if (ids.length !== 1) throw new MixModelerError('E_USAGE', `\`model ${what}\` needs one model id; got ${ids.length}`);
  return ids[0]!;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/**
 * `mixmodeler model create|show|duplicate|edit|delete|train|score …` over the workspace store.
 * @returns the exit code (1 when a training run failed: its error is on stderr and stored with the run)
 */
export async function modelCommand(
  sub: string | undefined,
  words: readonly string[],
  global: GlobalFlags,
  stdout: Out,
  stderr: Out,
): Promise<number> {
  const { ids, flags } = split(words);
  const ws = global.workspace;
  const report = (m: ModelRecord) => {
    print(
      global,
      stdout,
      row(m),
      `${m.id}\t${m.status}\t${printable(m.name)}${m.reasons.length ? '\n  - ' + m.reasons.join('\n  - ') : ''}`,
    );
    if (m.status === 'failed') stderr.write(`mixmodeler: model ${m.id} failed: ${m.error}\n`);
    return m.status === 'failed' ? 1 : 0;
  };
  switch (sub) {
    case 'create': {
      const file = flags['config'];
      if (typeof file !== 'string') throw new MixModelerError('E_USAGE', '`model create` needs `--config FILE`');
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new ConfigError(`${file}: cannot read the model config (${(e as Error).message})`);
      }
      const bar = progressBar(stderr, !global.json);
      try {
        return report(await createModel(ws, doc, file, { onProgress: bar.listener }));
      } finally {
        bar.end();
      }
    }
    case 'show': {
      const m = readModel(ws, one(ids, 'show'));
      print(global, stdout, m, JSON.stringify(m, null, 2));
      return 0;
    }
    case 'duplicate':
      return report(duplicateModel(ws, one(ids, 'duplicate')));
    case 'edit': {
      const schedule = flags['schedule'];
      if (schedule !== undefined && schedule !== 'on' && schedule !== 'off') {
        throw new MixModelerError('E_USAGE', `\`--schedule\` must be on or off; got ${String(schedule)}`);
      }
      const m = await editModel(ws, one(ids, 'edit'), {
        ...(typeof flags['name'] === 'string' ? { name: flags['name'] } : {}),
        ...(typeof flags['description'] === 'string' ? { description: flags['description'] } : {}),
        schedule: {
          ...(schedule ? { enabled: schedule === 'on' } : {}),
          ...(typeof flags['frequency'] === 'string' ? { frequency: flags['frequency'] as 'weekly' } : {}),
        },
      });
      return report(m);
    }
    case 'delete':
      if (ids.length === 0) throw new MixModelerError('E_USAGE', '`model delete` needs at least one model id');
      deleteModels(ws, ids);
      print(global, stdout, { deleted: ids }, `deleted ${ids.join(', ')}`);
      return 0;
    case 'train': {
      const id = one(ids, 'train');
      const custom = typeof flags['from'] === 'string' && typeof flags['to'] === 'string';
      if (flags['last-2-years'] && custom)
        throw new MixModelerError('E_USAGE', 'give `--last-2-years` or `--from --to`, not both');
      if (!custom && (flags['from'] || flags['to']))
        throw new MixModelerError('E_USAGE', 'a custom window needs both `--from` and `--to`');
      const window = custom ? { from: flags['from'] as string, to: flags['to'] as string } : 'last-2-years';
      const bar = progressBar(stderr, !global.json);
      try {
        return report(await trainModel(ws, id, window, { onProgress: bar.listener }));
      } finally {
        bar.end();
      }
    }
    case 'score': {
      const id = one(ids, 'score');
      const range = {
        ...(typeof flags['from'] === 'string' ? { from: flags['from'] } : {}),
        ...(typeof flags['to'] === 'string' ? { to: flags['to'] } : {}),
      };
      let replace = flags['replace'] === true;
      for (;;) {
        try {
          const r = await scoreModel(ws, id, { ...range, replace });
          print(
            global,
            stdout,
            { ...row(r.model), scored: r.scored },
            r.scored.periods === 0
              ? `${id}: no new periods to score after ${r.model.scoredThrough}; the scores are up to date`
              : `${id}: scored ${r.scored.periods} period(s), ${r.scored.from} to ${r.scored.to}`,
          );
          return 0;
        } catch (e) {
          const ask = e instanceof ReplaceNotConfirmedError && process.stdin.isTTY && !replace;
          if (
            !ask ||
            !(await confirm(
              `${e.message.replace('; confirm with --replace', '')}. Existing scores are replaced. Continue?`,
            ))
          )
            throw e;
          replace = true;
        }
      }
    }
    default:
      throw new MixModelerError('E_USAGE', `unknown command \`model ${sub ?? ''}\`; see \`mixmodeler help\``);
  }
}
