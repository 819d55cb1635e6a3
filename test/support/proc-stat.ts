import { readdirSync, readFileSync } from 'node:fs';

/**
 * The fields of a `/proc/.../stat` file after the parenthesised command (which may hold spaces):
 * index 0 is the state, 1 the parent pid, 16 the nice value.
 */
export function statFields(statPath: string): string[] {
  const stat = readFileSync(statPath, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The pids whose parent is `pid` (a cluster primary's workers). */
export function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return Number(statFields(`/proc/${entry}/stat`)[1]) === pid;
      } catch {
        return false; // the process ended meanwhile
      }
    })
    .map(Number);
}
