import { adfToText } from './jira-adf';
import type { Node, Value } from './jira-jql';
import type { StoredIssue } from './jira-model';
import { parseJiraTimestamp, type JiraState } from './jira-state';

/** A JQL error, answered with Jira's 400 body (`errorMessages`). */
export class JqlError extends Error {}

const DATE_FIELDS: Record<string, keyof StoredIssue> = {
  created: 'created',
  createddate: 'created',
  updated: 'updated',
  updateddate: 'updated',
  resolved: 'resolutiondate',
  resolutiondate: 'resolutiondate',
  duedate: 'duedate',
  due: 'duedate',
};

/** Evaluates parsed JQL against stored issues. */
export class Evaluator {
  constructor(
    private readonly state: JiraState,
    private readonly currentUser: string,
  ) {}

  /** Jira validates fields and values before it searches: unknown ones are a 400, not an empty page. */
  check(node: Node): void {
    if (node.kind === 'and' || node.kind === 'or') {
      this.check(node.left);
      this.check(node.right);
      return;
    }
    if (node.kind === 'not') {
      this.check(node.inner);
      return;
    }
    if (node.field === 'project') {
      for (const value of node.values) {
        if (value.kind === 'literal' && !this.state.findProject(value.text)) {
          throw new JqlError(`The value '${value.text}' does not exist for the field 'project'.`);
        }
      }
    }
    if (DATE_FIELDS[node.field]) {
      for (const value of node.values) if (value.kind === 'literal') this.instant(node.field, value.text);
    }
    if (!DATE_FIELDS[node.field] && this.candidates(node.field, undefined) === undefined) {
      throw new JqlError(`Field '${node.field}' does not exist or you do not have permission to view it.`);
    }
  }

  test(node: Node, issue: StoredIssue): boolean {
    switch (node.kind) {
      case 'and':
        return this.test(node.left, issue) && this.test(node.right, issue);
      case 'or':
        return this.test(node.left, issue) || this.test(node.right, issue);
      case 'not':
        return !this.test(node.inner, issue);
      case 'clause':
        return this.clause(node, issue);
    }
  }

  private clause(node: Extract<Node, { kind: 'clause' }>, issue: StoredIssue): boolean {
    const { field, op, values } = node;
    const dateField = DATE_FIELDS[field];
    if (dateField) {
      const raw = issue[dateField];
      const actual =
        typeof raw === 'string'
          ? raw.length === 10
            ? Date.parse(`${raw}T00:00:00Z`)
            : parseJiraTimestamp(raw)
          : undefined;
      if (op === 'is' || op === 'is not') return (actual === undefined) === (op === 'is');
      if (actual === undefined) return false;
      const wanted = values.map((v) => (v.kind === 'literal' ? this.instant(field, v.text) : NaN));
      const test = {
        '=': (w: number) => actual === w,
        '!=': (w: number) => actual !== w,
        '>': (w: number) => actual > w,
        '>=': (w: number) => actual >= w,
        '<': (w: number) => actual < w,
        '<=': (w: number) => actual <= w,
      }[op];
      if (!test) throw new JqlError(`The operator '${op}' is not supported by the '${field}' field.`);
      return wanted.some(test);
    }
    const actual = (this.candidates(field, issue) ?? []).map((v) => v.toLowerCase());
    if (op === 'is' || op === 'is not') return (actual.length === 0) === (op === 'is');
    if (op === '~' || op === '!~') {
      const needle = values[0].kind === 'literal' ? values[0].text.toLowerCase().replace(/\*/g, '') : '';
      return actual.some((v) => v.includes(needle)) === (op === '~');
    }
    const wanted = values.flatMap((v) => this.resolve(v)).map((v) => v.toLowerCase());
    const found =
      actual.some((v) => wanted.includes(v)) ||
      (actual.length === 0 && values.some((v) => v.kind === 'empty'));
    if (op === '=' || op === 'in') return found;
    if (op === '!=' || op === 'not in') return !found;
    throw new JqlError(`The operator '${op}' is not supported by the '${field}' field.`);
  }

  private resolve(value: Value): string[] {
    if (value.kind === 'literal') return [value.text];
    if (value.kind === 'empty') return [];
    const types = [...this.state.issueTypes.values()];
    switch (value.name) {
      case 'currentuser':
        return [this.currentUser];
      case 'subtaskissuetypes':
        return types.filter((t) => t.subtask).map((t) => t.id);
      case 'standardissuetypes':
        return types.filter((t) => !t.subtask).map((t) => t.id);
      default:
        throw new JqlError(`Unable to find JQL function '${value.name}()'.`);
    }
  }

  /** The values a field has on an issue; undefined when JQL has no such field. */
  private candidates(field: string, issue: StoredIssue | undefined): string[] | undefined {
    const s = this.state;
    const of = (...values: (string | null | undefined)[]) =>
      values.filter((v): v is string => typeof v === 'string');
    if (field.startsWith('cf[') || field.startsWith('customfield_')) {
      const id = field.startsWith('cf[') ? `customfield_${field.slice(3, -1)}` : field;
      if (!s.fields.has(id)) return undefined;
      const value = issue?.customFields[id];
      return value === undefined || value === null
        ? []
        : [typeof value === 'object' ? JSON.stringify(value) : String(value)];
    }
    const project = issue ? s.projects.get(issue.projectId) : undefined;
    const type = issue ? s.issueTypes.get(issue.issuetypeId) : undefined;
    const status = issue ? s.statuses.get(issue.statusId) : undefined;
    const priority = issue?.priorityId ? s.priorities.get(issue.priorityId) : undefined;
    const parent = issue?.parentId ? s.issues.get(issue.parentId) : undefined;
    const fields: Record<string, () => string[]> = {
      project: () => of(project?.id, project?.key, project?.name),
      issuetype: () => of(type?.id, type?.name),
      type: () => of(type?.id, type?.name),
      status: () => of(status?.id, status?.name),
      statuscategory: () => of(status?.categoryKey),
      priority: () => of(priority?.id, priority?.name),
      assignee: () => of(issue?.assigneeId),
      reporter: () => of(issue?.reporterId),
      creator: () => of(issue?.creatorId),
      labels: () => issue?.labels ?? [],
      parent: () => of(parent?.id, parent?.key),
      key: () => of(issue?.id, issue?.key),
      issuekey: () => of(issue?.id, issue?.key),
      id: () => of(issue?.id, issue?.key),
      summary: () => of(issue?.summary),
      text: () => of(issue?.summary, issue?.description ? adfToText(issue.description) : null),
      resolution: () =>
        of(issue?.resolutionId, issue?.resolutionId ? s.resolutions.get(issue.resolutionId)?.name : null),
    };
    const read = fields[field];
    return read ? (issue ? read() : []) : undefined;
  }

  sortKey(field: string, issue: StoredIssue): string | number {
    const dateField = DATE_FIELDS[field];
    if (dateField) return String(issue[dateField] ?? '');
    if (field === 'key' || field === 'issuekey') {
      const [project, n] = issue.key.split('-');
      return `${project}-${n.padStart(10, '0')}`;
    }
    if (field === 'priority') return Number(issue.priorityId ?? 99);
    if (field === 'summary') return issue.summary.toLowerCase();
    return Number(issue.id);
  }

  /** JQL dates: `yyyy-MM-dd[ HH:mm]`, `yyyy/MM/dd[ HH:mm]` (in the user's zone, UTC here) or `-5d`-style periods. */
  private instant(field: string, text: string): number {
    const absolute = /^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/.exec(text);
    if (absolute) {
      const [, y, m, d, hh = '00', mm = '00'] = absolute;
      return Date.parse(`${y}-${m}-${d}T${hh}:${mm}:00Z`);
    }
    const relative = /^([-+]?)(\d+)([wdhm])$/.exec(text);
    if (relative) {
      const unit = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 }[
        relative[3] as 'w' | 'd' | 'h' | 'm'
      ];
      return this.state.nowMs() + (relative[1] === '-' ? -1 : 1) * Number(relative[2]) * unit;
    }
    throw new JqlError(
      `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
    );
  }
}
