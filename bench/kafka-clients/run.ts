/**
 * bench/kafka-clients: the evaluation issue 15 asks for. kafkajs (the bus's client today, no release since
 * 2023) beside @platformatic/kafka (pure JavaScript, prefetching consumer) doing the same work at the same
 * rate: `produce` (the sender alone), `hop` (send → read) and `relay` (send → consume, produce to a second topic, commit after the ack →
 * read), each round in a fresh process of its own, sides alternating (kafkajs, platformatic, platformatic,
 * kafkajs, …). The kafkajs side is the baseline; the figures are platformatic's latency percentiles and
 * CPU per message as ratios of kafkajs's in the same run. A round with a failed send or a message never
 * read is INVALID and gives no figure. @confluentinc/kafka-javascript is not measured: it does not install
 * here (its librdkafka addon's prebuilt binary comes from GitHub releases; the fallback build downloads
 * zlib, OpenSSL, zstd and curl sources).
 *   npm run bench:kafka-clients   (needs the local broker: npm run kafka:start)
 */
import { spawnTypeScript } from '../../test/support/child-app';
import { median } from '../support/stats';
import {
  failureProblems,
  measureRound,
  missingProblems,
  printVerdicts,
  verdictLine,
  type Round,
} from '../support/verdict';
import type { ClientName } from './clients';
import type { RoundResult } from './round';

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const MODES = ['produce', 'hop', 'relay'] as const;

function runRound(client: ClientName, mode: string): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const child = spawnTypeScript(
      'bench/kafka-clients/round.ts',
      { CLIENT: client, MODE: mode, RATE: String(RATE), SECONDS: String(SECONDS) },
      ['ignore', 'pipe', 'inherit'],
    );
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('RESULT '.length)) as RoundResult);
      else reject(new Error(`${client} ${mode} round exited ${code} without a result`));
    });
  });
}

const problemsOf = (r: RoundResult) => [
  ...failureProblems(r.failedSends, r.sent, 'sends'),
  ...(r.failedCommits > 0 ? [`${r.failedCommits} commits failed`] : []),
  ...missingProblems(r.sent, r.read, 'messages read'),
];

const ms = (v: number) => `${v.toFixed(2)} ms`;
const ratio = (v: number) => `${v.toFixed(2)}x`;

async function main(): Promise<void> {
  console.log(
    `kafka clients: ${RATE} messages/s of ~6 KB for ${SECONDS} s per round, ${ROUNDS} rounds a side`,
  );
  const order: ClientName[] = [];
  for (let i = 0; i < ROUNDS; i++)
    order.push(
      ...((i % 2 === 0 ? ['kafkajs', 'platformatic'] : ['platformatic', 'kafkajs']) as ClientName[]),
    );
  const lines: string[] = [];
  for (const mode of MODES) {
    const rounds: Round<RoundResult>[] = [];
    for (const client of order) {
      const round = await measureRound(`${client} ${mode}`, () => runRound(client, mode), problemsOf);
      const r = round.result;
      console.log(
        `${round.label}: sent ${r.sent}, read ${r.read}, ack p50 ${ms(r.ackP50)} p99 ${ms(r.ackP99)}, ` +
          `read p50 ${ms(r.readP50)} p99 ${ms(r.readP99)}, CPU ${r.cpuMsPerMessage.toFixed(3)} ms/message`,
      );
      rounds.push(round);
    }
    const of = (client: ClientName, pick: (r: RoundResult) => number) =>
      median(rounds.filter((r) => r.result.client === client).map((r) => pick(r.result)));
    const figures: [string, (r: RoundResult) => number][] = [
      ['read p50', (r) => r.readP50],
      ['read p99', (r) => r.readP99],
      ['ack p99', (r) => r.ackP99],
      ['CPU per message', (r) => r.cpuMsPerMessage],
    ];
    for (const [name, pick] of figures) {
      const [base, candidate] = [of('kafkajs', pick), of('platformatic', pick)];
      const detail = name === 'CPU per message' ? (v: number) => `${v.toFixed(3)} ms` : ms;
      lines.push(
        verdictLine(
          {
            name: `${mode} ${name} platformatic/kafkajs (${detail(candidate)} / ${detail(base)})`,
            value: candidate / base,
            format: ratio,
          },
          rounds,
        ),
      );
    }
  }
  printVerdicts(lines);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
