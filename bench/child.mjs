// What the benchmark scripts share: running a tool's fit in a child process (its JSON result, a timeout that
// kills the child's whole process group) and scoring its ROIs against the truth.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The peers' fit scripts and the pinned venvs they run in (bench/setup-peers.sh makes them). */
export const PEERS = {
  pymc: { python: join(HERE, '.venv-pymc', 'bin', 'python'), script: join(HERE, 'peers', 'fit_pymc.py') },
  meridian: { python: join(HERE, '.venv-meridian', 'bin', 'python'), script: join(HERE, 'peers', 'fit_meridian.py') },
};

/**
 * The peers of `names` whose venv exists (a missing one is said on stderr and left out).
 * @throws on a name that is not a peer of `peers`
 */
export function availablePeers(names, peers = PEERS) {
  return names.filter((p) => {
    if (!peers[p]) throw new Error(`unknown peer ${p}; known: ${Object.keys(peers).join(', ')}, none`);
    if (existsSync(peers[p].python)) return true;
    console.error(`${p}: bench/.venv-${p} is missing (bash bench/setup-peers.sh); left out`);
    return false;
  });
}

/** A results file's records (empty when it does not exist yet) and `save`, which writes them atomically. */
export function resultsFile(path) {
  const results = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  const save = () => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, JSON.stringify(results, null, 2) + '\n');
    renameSync(`${path}.tmp`, path);
  };
  return { results, save };
}

/** A child's result: all of its stdout as JSON, or else its last line that is a JSON object; null if neither. */
export function resultOf(stdout) {
  const text = stdout.trim();
  for (const candidate of [text, text.split('\n').findLast((l) => l.startsWith('{'))]) {
    try {
      return JSON.parse(candidate);
    } catch {
      /* not JSON */
    }
  }
  return null;
}

/** Runs a child in its own process group; kills the whole group on timeout. Resolves with its result (on failure its exit code). */
export function run(cmd, args, seconds, env = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { detached: true, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, seconds * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallSeconds = (performance.now() - t0) / 1000;
      const result = resultOf(out);
      if (timedOut) resolve({ timedOut: true, wallSeconds, timeoutSeconds: seconds });
      else if (code !== 0 || !result)
        resolve({ error: err.trim().split('\n').slice(-3).join(' | '), code, wallSeconds });
      else resolve({ ...result, wallSeconds });
    });
  });
}

/**
 * Per channel: the true ROI and the error |fit/true − 1| (stored in `roi`); over the channels: the
 * median and max error and how many 90% intervals hold the truth.
 */
export function score(fit, truth) {
  if (!fit.roi) return fit;
  const errors = truth.channels.map((c) => Math.abs(fit.roi[c].mean / truth.roi[c] - 1));
  const covered = truth.channels.filter((c) => fit.roi[c].lower <= truth.roi[c] && truth.roi[c] <= fit.roi[c].upper);
  const sorted = [...errors].sort((a, b) => a - b);
  const roi = Object.fromEntries(
    truth.channels.map((c, i) => [c, { ...fit.roi[c], truth: truth.roi[c], error: errors[i] }]),
  );
  return {
    ...fit,
    roi,
    medianError: sorted[Math.floor((sorted.length - 1) / 2)],
    maxError: sorted.at(-1),
    covered: covered.length,
    channels: errors.length,
  };
}
