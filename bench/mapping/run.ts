/**
 * bench/mapping: records/s mapping a page of 100 GitHub issues to unified tickets with the engine
 * (JSONata record mapping + contract completion + etag), beside a hand-written TypeScript mapper of the
 * same fields doing the same completion, in the same run. Target: engine >= 0.5x the hand-written one.
 *   npm run bench:mapping
 * BENCH_SECONDS (default 5) per mapper; BENCH_ISSUES=webhooks maps the corpus's webhook issues (labels,
 * assignees, milestones) instead of the REST page. The rounds of the mappers alternate, so a load swing
 * on the machine hits both alike. The interpreted engine (definitions not trusted) is shown for reference.
 * Both mappers are checked to give the same records first; a mapper that returns fewer records than it
 * was given pages for makes the ratio INVALID.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ExpressionCache, ProviderRegistry, RecordMapper } from '@app/providers';
import { corpusFiles } from '@app/sandbox';
import { contractFieldsOf } from '@app/unified-models';
import { percentile } from '../support/stats';
import { missingProblems, printVerdicts, verdictLine, type Checked } from '../support/verdict';

type Issue = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const source =
  process.env.BENCH_ISSUES === 'webhooks'
    ? corpusFiles('github', 'webhooks')
        .filter((f) => f.name.startsWith('issues.'))
        .map((f) => (f.json as Issue).issue as Issue)
    : (corpusFiles('github', 'rest').find((f) => f.name.startsWith('list-repo-issues'))!.json as Issue[]);
const page = source.filter((i) => !i.pull_request);
const issues: Issue[] = Array.from({ length: 100 }, (_, i) => ({ ...page[i % page.length], number: i + 1 }));
const fields = contractFieldsOf('tickets');

/** The same mapping as libs/providers/src/github/ticket.mapping.ts, written by hand. */
function handMapped(issue: Issue): Record<string, unknown> {
  const user = (u: Issue | null) => (u ? { id: String(u.id), name: u.login } : undefined);
  const repo = String(issue.repository_url ?? '').split('/repos/')[1];
  const customFields = (values: Issue[] | null) =>
    Object.fromEntries(
      (values ?? []).map((f: Issue) => [
        f.issue_field_name ? f.issue_field_name : String(f.issue_field_id),
        f.value,
      ]),
    );
  const partial: Record<string, unknown> = {
    id: String(issue.number),
    name: issue.title,
    number: String(issue.number),
    description: issue.body,
    assignees: (issue.assignees ?? []).map(user),
    status:
      issue.state === 'open'
        ? { id: 'open', name: 'open', category: 'open' }
        : {
            id: 'closed',
            name: issue.state_reason ? `closed (${issue.state_reason})` : 'closed',
            category: ['not_planned', 'duplicate'].includes(issue.state_reason) ? 'cancelled' : 'done',
          },
    created_by: issue.user ? { id: String(issue.user.id), name: issue.user.login, type: 'user' } : undefined,
    due_date: issue.milestone?.due_on,
    workspace: repo ? { id: repo, name: repo.split('/').pop() } : undefined,
    collections: issue.milestone
      ? [{ id: String(issue.milestone.number), name: issue.milestone.title, type: 'milestone' }]
      : undefined,
    ticket_type: issue.type ? { id: String(issue.type.id), name: issue.type.name } : undefined,
    parent_ticket: issue.parent_issue_url ? { id: issue.parent_issue_url.split('/').pop() } : undefined,
    tags: (issue.labels ?? []).map((l: Issue) => ({ id: l.name, name: l.name })),
    custom_fields: 'issue_field_values' in issue ? customFields(issue.issue_field_values) : undefined,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    completed_at: issue.closed_at,
    ticket_url: issue.html_url,
  };
  const record: Record<string, unknown> = {};
  for (const f of fields) if (f !== 'etag') record[f] = partial[f] ?? null;
  // Strong, as the engine makes it (If-Match compares etags strongly).
  record.etag = `"${createHash('sha256').update(JSON.stringify(record)).digest('base64url').slice(0, 22)}"`;
  record.remote_data = issue;
  return record;
}

interface Mapper {
  label: string;
  mapPage: () => Promise<unknown[]>;
  records: number;
  pages: number;
  seconds: number;
  latencies: number[];
}

async function round(mapper: Mapper, milliseconds: number): Promise<void> {
  const until = performance.now() + milliseconds;
  while (performance.now() < until) {
    const t = performance.now();
    mapper.records += (await mapper.mapPage()).filter((r) => r !== undefined && r !== null).length;
    mapper.pages += 1;
    const elapsed = performance.now() - t;
    mapper.latencies.push(elapsed);
    mapper.seconds += elapsed / 1000;
  }
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const github = new ProviderRegistry().get('github');
  const context = { settings: { owner: 'o', repo: 'r' } };
  const recordMapper = (trusted: boolean) => {
    const expressions = new ExpressionCache();
    // Definition expressions are trusted code: they run compiled (fast-jsonata), as in the services.
    if (trusted) expressions.trustDefinitions([github]);
    return new RecordMapper(expressions, contractFieldsOf);
  };
  const engine = recordMapper(true);
  const interpreted = recordMapper(false);

  // Same records, etag included (so every mapped field is equal), for every issue of the page.
  for (const issue of issues) {
    const { remote_data: _a, ...engineRecord } = await engine.map(github, 'tickets', issue, context);
    const { remote_data: _b, ...handRecord } = handMapped(issue);
    if (JSON.stringify(engineRecord) !== JSON.stringify(handRecord)) {
      throw new Error(`the two mappers disagree on issue ${issue.number}: the comparison would be unfair`);
    }
  }

  const mappers: Mapper[] = [
    { label: 'hand-written TypeScript', mapPage: async () => issues.map(handMapped) },
    {
      label: 'engine (JSONata definition)',
      mapPage: () => Promise.all(issues.map((i) => engine.map(github, 'tickets', i, context))),
    },
    {
      label: 'engine, interpreted (before)',
      mapPage: () => Promise.all(issues.map((i) => interpreted.map(github, 'tickets', i, context))),
    },
  ].map((m) => ({ ...m, records: 0, pages: 0, seconds: 0, latencies: [] }));
  for (const mapper of mappers) for (let i = 0; i < 20; i++) await mapper.mapPage(); // warm-up (JIT, compile cache)
  const rounds = Math.max(1, Math.round((seconds * 1000) / 250));
  for (let r = 0; r < rounds; r++) for (const mapper of mappers) await round(mapper, 250);

  const perSecond = (m: Mapper) => m.records / m.seconds;
  console.log(
    `bench/mapping: pages of ${issues.length} GitHub issues (${process.env.BENCH_ISSUES ?? 'rest'}) → unified tickets, ${seconds}s each, ${rounds} alternating rounds`,
  );
  console.log('| mapper | records/s | page p50 ms | page p99 ms |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const m of mappers)
    console.log(
      `| ${m.label} | ${perSecond(m).toFixed(0)} | ${percentile(m.latencies, 50).toFixed(2)} | ${percentile(m.latencies, 99).toFixed(2)} |`,
    );
  const checked = mappers.map((m): Checked => ({
    label: m.label,
    problems: missingProblems(m.pages * issues.length, m.records, 'records'),
  }));
  const [hand, fast, slow] = mappers.map(perSecond);
  const times = (v: number) => `${v.toFixed(2)}x`;
  console.log('');
  printVerdicts([
    verdictLine(
      { name: 'ratio engine/hand-written', value: fast / hand, format: times, target: { atLeast: 0.5 } },
      checked.slice(0, 2),
    ),
    verdictLine({ name: 'ratio interpreted engine/hand-written', value: slow / hand, format: times }, [
      checked[0],
      checked[2],
    ]),
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
