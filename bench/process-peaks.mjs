// Peak memory of the processes a benchmark starts (Spark's Python runner and its JVM), sampled from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';

// Clock ticks a second of /proc/<pid>/stat's CPU times (USER_HZ: 100 on Linux).
const TICKS = 100;

/**
 * Peak RSS (MB) of every process below this one, by pid, while `work` runs, and the CPU seconds each
 * had used when last seen (sampled every 100 ms: a process's last 100 ms may be missed).
 */
export async function withDescendantPeaks(work) {
  const peaks = new Map();
  const cpu = new Map();
  const sample = () => {
    const parent = new Map();
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parent.set(Number(pid), Number(fields[1]));
        // utime and stime, fields 14 and 15 of the line (11 and 12 after the name)
        cpu.set(Number(pid), (Number(fields[11]) + Number(fields[12])) / TICKS);
      } catch {
        // the process ended between the listing and the read
      }
    }
    const mine = new Set([process.pid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const [pid, ppid] of parent)
        if (mine.has(ppid) && !mine.has(pid)) {
          mine.add(pid);
          grew = true;
        }
    }
    for (const pid of mine) {
      if (pid === process.pid) continue;
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
        const name = /Name:\s+(\S+)/.exec(status)?.[1] ?? '?';
        const was = peaks.get(pid);
        if (!was || hwm > was.mb) peaks.set(pid, { name, mb: hwm, pid });
      } catch {
        // the process ended between the listing and the read
      }
    }
  };
  const timer = setInterval(sample, 100);
  try {
    return {
      result: await work(),
      peaks: [...peaks.values()].map((p) => ({ name: p.name, mb: p.mb, cpuSeconds: cpu.get(p.pid) ?? 0 })),
    };
  } finally {
    clearInterval(timer);
  }
}
