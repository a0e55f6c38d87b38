import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clockTicks: number | null = null;

/** Kernel clock ticks per second (USER_HZ), for the utime/stime fields of /proc/<pid>/stat. */
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: split after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name, field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / ticksPerSecond();
}

/** Resident set size in bytes, from the VmRSS line of /proc/<pid>/status. */
export function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

export interface ProcWindow {
  /** Mean CPU use over the window, in percent of one core. */
  cpuPercent: number;
  /** Largest RSS seen in the window (MiB). */
  rssPeakMiB: number;
  /** RSS at the end of the window (MiB). */
  rssEndMiB: number;
  seconds: number;
}

/** Measures one process's CPU and RSS between start() and stop(), sampling RSS every 250 ms. */
export class ProcSampler {
  private startCpu = 0;
  private startedAt = 0;
  private peakRss = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pid: number) {}

  start(): void {
    this.startCpu = readCpuSeconds(this.pid);
    this.startedAt = performance.now();
    this.peakRss = readRssBytes(this.pid);
    this.timer = setInterval(() => {
      try {
        this.peakRss = Math.max(this.peakRss, readRssBytes(this.pid));
      } catch {
        // The process ended; stop() reports what was seen.
      }
    }, 250);
  }

  stop(): ProcWindow {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const seconds = (performance.now() - this.startedAt) / 1000;
    const cpu = readCpuSeconds(this.pid) - this.startCpu;
    const rss = readRssBytes(this.pid);
    this.peakRss = Math.max(this.peakRss, rss);
    return {
      cpuPercent: seconds > 0 ? (100 * cpu) / seconds : 0,
      rssPeakMiB: this.peakRss / 2 ** 20,
      rssEndMiB: rss / 2 ** 20,
      seconds,
    };
  }
}

/** Busy and total jiffies of all cores together, from the first line of /proc/stat. */
function readMachineJiffies(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal ...; idle and iowait are not busy.
  const total = values.slice(0, 8).reduce((sum, v) => sum + v, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * Whole-machine CPU use between start() and stop(), in percent of one core (so 200 = both
 * cores busy). Other work on a shared machine shows up here and explains noisy figures.
 */
export class MachineSampler {
  private start0 = { busy: 0, total: 0 };

  start(): void {
    this.start0 = readMachineJiffies();
  }

  stop(cores: number): number {
    const end = readMachineJiffies();
    const total = end.total - this.start0.total;
    return total > 0 ? (100 * cores * (end.busy - this.start0.busy)) / total : 0;
  }
}
