import { openIssue, type GithubState, type IssueState } from './state';

/**
 * Adds `count` open issues at once, numbered after the last one (deleted numbers included) and sent to
 * no webhook: a repository with a long history, for snapshot and paging tests. Their creation times
 * step by a second from `from`, so listing by creation order is listing by number.
 */
export function addIssuesSilently(
  state: GithubState,
  count: number,
  options: { from: Date; deletedNumbers?: Iterable<number>; title?: (n: number) => string },
): IssueState[] {
  const first = Math.max(0, ...state.issues.map((i) => i.number), ...(options.deletedNumbers ?? [])) + 1;
  const added = Array.from({ length: count }, (_, i): IssueState => {
    const at = new Date(options.from.getTime() + i * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const number = first + i;
    return openIssue(state, number, at, options.title?.(number) ?? `Imported issue ${number}`);
  });
  state.issues.push(...added);
  return added;
}
