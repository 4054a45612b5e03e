import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StoreError } from '../errors';

/** lib/spark: the Python runner and Spark's logging configuration, shipped with lib. */
export const SPARK_DIR = resolve(__dirname, '../../spark');
/** The checkout's Spark setup (Java, the venv); absent from an installed package. */
const SETUP = resolve(__dirname, '../../../scripts/setup-spark.sh');
/** Where the setup puts PySpark unless MIXMODELER_SPARK_VENV says otherwise. */
const VENV = resolve(__dirname, '../../../.venv-spark');

/** A line of progress from the Spark path: setup output, the runner's steps, Spark's log. */
export interface SparkProgress {
  event: 'setup' | 'session' | 'input' | 'statement' | 'output' | 'done' | 'log';
  /** Seconds since the runner started (runner events only). */
  seconds?: number;
  /** A setup or log line, in words. */
  message?: string;
  /** The view an input or output event is about; the 1-based statement a statement event ran. */
  view?: string;
  statement?: number;
}

/**
 * The Python that runs Spark: `MIXMODELER_SPARK_PYTHON` when set (a Python whose pyspark matches the
 * cluster's Spark, for example on an edge node), else the venv that `scripts/setup-spark.sh` keeps
 * (`.venv-spark`, or `MIXMODELER_SPARK_VENV`). The script runs every time (it does nothing when Java
 * and the venv are in place, ~0.1 s); the first time it installs PySpark, ~520 MB, and says so first.
 *
 * @param connect also install the Spark Connect client (for a `sc://` master)
 * @throws StoreError when the setup fails or is not there (an installed package without the checkout)
 * @example const python = await sparkPython({ connect: false, onProgress: (p) => console.error(p.message) })
 */
export async function sparkPython(options: {
  connect: boolean;
  onProgress?: (p: SparkProgress) => void;
}): Promise<string> {
  const given = process.env.MIXMODELER_SPARK_PYTHON;
  if (given) return given;
  if (!existsSync(SETUP)) {
    throw new StoreError(
      `the Spark path needs scripts/setup-spark.sh of a mixmodeler checkout (not found at ${SETUP}), ` +
        'or MIXMODELER_SPARK_PYTHON set to a Python with pyspark 4.3',
    );
  }
  const tell = options.onProgress ?? (() => {});
  const venv = process.env.MIXMODELER_SPARK_VENV || VENV;
  if (!existsSync(join(venv, 'bin', 'python'))) {
    tell({
      event: 'setup',
      message: `setting up Spark once: PySpark 4.3 into ${venv} (~520 MB, about a minute), and Java 17 with apt if missing`,
    });
  }
  const args = [SETUP, ...(options.connect ? ['--connect'] : [])];
  const { code, stdout, stderr } = await runCollecting('bash', args, (line) => tell({ event: 'setup', message: line }));
  const python = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !python) {
    const last = stderr.trim().split('\n').slice(-5).join('\n');
    throw new StoreError(`Spark's setup (scripts/setup-spark.sh) failed with exit ${code}: ${last}`);
  }
  return python;
}

/** Runs a command, passing each stderr line to `onLine` as it comes; resolves with its exit and output. */
function runCollecting(
  command: string,
  args: string[],
  onLine: (line: string) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    const flush = eachLine(child.stderr, (line) => {
      stderr += line + '\n';
      onLine(line);
    });
    child.on('error', fail);
    child.on('close', (code) => {
      flush();
      done({ code, stdout, stderr });
    });
  });
}

/**
 * Calls `onLine` with each non-blank line of a text stream as it arrives; the returned function
 * passes on an unterminated last line (call it when the process has closed).
 *
 * @example const flush = eachLine(child.stdout, (line) => console.log(line)); child.on('close', flush)
 */
export function eachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): () => void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (text: string) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line.trim()) onLine(line);
  });
  return () => {
    if (pending.trim()) onLine(pending);
    pending = '';
  };
}
