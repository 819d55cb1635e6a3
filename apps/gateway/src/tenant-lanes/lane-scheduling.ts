import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

const CPU_RANGE = /^(\d{1,4})(?:-(\d{1,4}))?$/;

/**
 * Checks a Linux CPU list (`1`, `2-3`, `0,2-3`, as `taskset -c` and cgroups write them) and returns it
 * unchanged. Throws a message naming what is wrong.
 */
export function parseCpuList(text: string): string {
  const ranges = text.split(',');
  for (const range of ranges) {
    const match = CPU_RANGE.exec(range);
    if (!match) throw new Error(`"${text}" is not a CPU list such as 1, 2-3 or 0,2-3`);
    if (match[2] !== undefined && Number(match[2]) < Number(match[1])) {
      throw new Error(`"${text}": the range ${range} ends before it starts`);
    }
  }
  return text;
}

/**
 * Whether this machine lets a process run on these CPUs (they exist and the cgroup allows them), asked
 * of `taskset` itself, which is also what pins the workers. Throws a message naming the CPUs.
 */
export function assertCpusUsable(cpus: string, owner: string): void {
  try {
    execFileSync('taskset', ['-c', cpus, 'true'], { stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${owner}: pinning to CPUs ${cpus} needs taskset (util-linux), which is not installed`);
    }
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`${owner}: CPUs ${cpus} cannot be used here (${stderr || (error as Error).message})`);
  }
}

/**
 * Pins every thread of a process (this one unless told) to the CPUs: threads already running (V8's,
 * libuv's) are moved there, and threads or processes started later (the tenant sandbox) inherit the mask
 * from their parent. Node has no call for it, so `taskset` (util-linux) does it.
 */
export function pinEveryThread(cpus: string, pid: number = process.pid): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}

/**
 * On Linux a nice value belongs to a thread: V8's and libuv's threads already running get it here, and
 * threads started later inherit it from the thread that starts them.
 */
export function niceEveryThread(niceness: number): void {
  let threads: number[];
  try {
    threads = readdirSync('/proc/self/task').map(Number);
  } catch {
    threads = [process.pid]; // no /proc: the main thread at least
  }
  for (const thread of threads) {
    try {
      setPriority(thread, niceness);
    } catch {
      /* the thread ended meanwhile, or the platform has no priorities */
    }
  }
}
