import { readFileSync } from 'node:fs';

/**
 * CPU accounting for a load run on Linux: the whole machine's busy time (/proc/stat), this process's
 * (every thread, load generator included) and one thread's (/proc/thread-self/stat, read by the thread
 * itself). Elsewhere the readings are null and the bench prints no CPU breakdown.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

export function machineBusyMs(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
    void idle;
    void iowait;
    return (user + nice + system + irq + softirq + steal) * TICK_MS;
  } catch {
    return null;
  }
}

/** CPU time of the calling thread (user + system), in ms. */
export function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the whole line.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) * TICK_MS;
  } catch {
    return null;
  }
}

export const processCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export interface CpuSample {
  machineMs: number | null;
  processMs: number;
  serverMs: number | null;
}

/** Per-operation CPU between two samples: the whole machine, the server thread, and the rest split out. */
export function cpuPerOp(a: CpuSample, b: CpuSample, ops: number) {
  const machine = a.machineMs === null || b.machineMs === null ? null : (b.machineMs - a.machineMs) / ops;
  const proc = (b.processMs - a.processMs) / ops;
  const server = a.serverMs === null || b.serverMs === null ? null : (b.serverMs - a.serverMs) / ops;
  return { machine, process: proc, server, outside: machine === null ? null : machine - proc };
}
export type CpuPerOp = ReturnType<typeof cpuPerOp>;
