/**
 * bench/mapping: records/s mapping a page of 100 GitHub issues to unified tickets with the engine
 * (JSONata record mapping + contract completion + etag), beside a hand-written TypeScript mapper of the
 * same fields doing the same completion, in the same run. Target: engine >= 0.5x the hand-written one.
 *   npm run bench:mapping
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ExpressionCache, ProviderRegistry, RecordMapper } from '@app/providers';
import { corpusFiles } from '@app/sandbox';
import { contractFieldsOf } from '@app/unified-models';

type Issue = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const page = (
  corpusFiles('github', 'rest').find((f) => f.name.startsWith('list-repo-issues'))!.json as Issue[]
).filter((i) => !i.pull_request);
const issues: Issue[] = Array.from({ length: 100 }, (_, i) => ({ ...page[i % page.length], number: i + 1 }));
const fields = contractFieldsOf('tickets');

/** The same mapping as libs/providers/src/github/ticket.mapping.ts, written by hand. */
function handMapped(issue: Issue): Record<string, unknown> {
  const user = (u: Issue | null) => (u ? { id: String(u.id), name: u.login } : undefined);
  const repo = String(issue.repository_url ?? '').split('/repos/')[1];
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
    tags: (issue.labels ?? []).map((l: Issue) => ({ id: String(l.id), name: l.name })),
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    completed_at: issue.closed_at,
    ticket_url: issue.html_url,
  };
  const record: Record<string, unknown> = {};
  for (const f of fields) if (f !== 'etag') record[f] = partial[f] ?? null;
  record.etag = `W/"${createHash('sha256').update(JSON.stringify(record)).digest('base64url').slice(0, 22)}"`;
  record.remote_data = issue;
  return record;
}

async function measure(label: string, mapPage: () => Promise<unknown[]>, seconds: number) {
  for (let i = 0; i < 20; i++) await mapPage(); // warm-up (JIT, compile cache)
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  let records = 0;
  const started = performance.now();
  while (performance.now() < until) {
    const t = performance.now();
    records += (await mapPage()).length;
    latencies.push(performance.now() - t);
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { label, recordsPerSecond: records / elapsed, p50: pct(50), p99: pct(99) };
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const github = new ProviderRegistry().get('github');
  const expressions = new ExpressionCache();
  // Definition expressions are trusted code: they run compiled (fast-jsonata), as in the services.
  expressions.trustDefinitions([github]);
  const mapper = new RecordMapper(expressions, contractFieldsOf);
  const context = { settings: { owner: 'o', repo: 'r' } };

  const sample = await mapper.map(github, 'tickets', issues[0], context);
  const { etag: _a, ...engineRecord } = sample;
  const { etag: _b, ...handRecord } = handMapped(issues[0]);
  if (JSON.stringify(engineRecord) !== JSON.stringify(handRecord))
    throw new Error('the two mappers disagree: the comparison would be unfair');

  const hand = await measure('hand-written TypeScript', async () => issues.map(handMapped), seconds);
  const engine = await measure(
    'engine (JSONata definition)',
    () => Promise.all(issues.map((i) => mapper.map(github, 'tickets', i, context))),
    seconds,
  );
  console.log(`bench/mapping: pages of ${issues.length} GitHub issues → unified tickets, ${seconds}s each`);
  console.log('| mapper | records/s | page p50 ms | page p99 ms |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of [hand, engine])
    console.log(
      `| ${r.label} | ${r.recordsPerSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`,
    );
  const ratio = engine.recordsPerSecond / hand.recordsPerSecond;
  console.log(
    `\nratio engine/hand-written: ${ratio.toFixed(2)}x (target >= 0.50x) ${ratio >= 0.5 ? 'MET' : 'NOT MET'}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
