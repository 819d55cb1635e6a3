/**
 * Flags for an app's Node from an environment variable (e.g. `INGEST_NODE_ARGS="--cpu-prof
 * --cpu-prof-dir=/tmp/prof"`), split on spaces; none when it is unset.
 */
export function nodeArgsFrom(variable: string): string[] {
  return (process.env[variable] ?? '').split(' ').filter(Boolean);
}
