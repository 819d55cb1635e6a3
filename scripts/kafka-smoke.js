#!/usr/bin/env node
/*
 * Kafka smoke test for the local broker started by scripts/kafka.sh.
 *
 *   node scripts/kafka-smoke.js                      full kafkajs compatibility test, prints PASS/FAIL
 *   node scripts/kafka-smoke.js --wait [--timeout 60] exit 0 as soon as admin.listTopics works
 *
 * Broker list: KAFKA_BROKERS (comma separated, default 127.0.0.1:9092); with --wait,
 * KAFKA_SMOKE_EXPECT_BROKERS=N also waits until N brokers are in the cluster.
 * KAFKA_SMOKE_DEBUG=1 logs every request with its negotiated protocol version.
 *
 * Why this exists: Kafka 4.0 removed old protocol versions (KIP-896) and kafkajs 2.2.4 is
 * old, so this exercises exactly the calls the apps rely on: metadata, admin create/delete
 * topics, idempotent produce (InitProducerId + Produce acks=-1), consumer group
 * join/sync/heartbeat, manual offset commit/fetch, and no redelivery after commit.
 */
'use strict';

const { setTimeout } = require('node:timers');
const { Kafka, logLevel, Partitioners } = require('kafkajs');

const args = process.argv.slice(2);
const WAIT = args.includes('--wait');
const tIdx = args.indexOf('--timeout');
const TIMEOUT_S = tIdx >= 0 ? Number(args[tIdx + 1]) : 60;
const BROKERS = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((s) => s.trim());
const N = 100;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function client(level) {
  return new Kafka({
    clientId: 'kafka-smoke',
    brokers: BROKERS,
    logLevel: level,
    connectionTimeout: 3000,
    retry: { retries: WAIT ? 0 : 5, initialRetryTime: 200 },
  });
}

// --wait: poll admin.listTopics until it succeeds or the deadline passes.
async function waitForBroker() {
  const deadline = Date.now() + TIMEOUT_S * 1000;
  let lastErr;
  while (Date.now() < deadline) {
    const admin = client(logLevel.NOTHING).admin();
    try {
      await admin.connect();
      await admin.listTopics();
      // A cluster is up only when every node has joined (KAFKA_SMOKE_EXPECT_BROKERS).
      const expected = Number(process.env.KAFKA_SMOKE_EXPECT_BROKERS || 0);
      if (expected > 0) {
        const { brokers } = await admin.describeCluster();
        if (brokers.length < expected) throw new Error(`${brokers.length} of ${expected} brokers joined`);
      }
      await admin.disconnect();
      console.log(`Kafka answers at ${BROKERS.join(',')}`);
      return 0;
    } catch (e) {
      lastErr = e;
      await admin.disconnect().catch(() => {});
      await sleep(1000);
    }
  }
  console.error(
    `Kafka not reachable at ${BROKERS.join(',')} after ${TIMEOUT_S}s: ${lastErr && lastErr.message}`,
  );
  return 1;
}

function check(cond, msg) {
  if (!cond) throw new Error(`check failed: ${msg}`);
  console.log(`  ok - ${msg}`);
}

// Resolves once `pred()` is true, rejects after `ms`.
async function until(pred, ms, what) {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timeout after ${ms}ms waiting for ${what}`);
    await sleep(100);
  }
}

async function smoke() {
  const kafka = client(process.env.KAFKA_SMOKE_DEBUG ? logLevel.DEBUG : logLevel.WARN);
  console.log(`kafkajs smoke test against ${BROKERS.join(',')}`);
  console.log(
    "  (on a fresh broker, kafkajs may log 'coordinator is loading / not available' once: it retries)",
  );
  const suffix = `${process.pid}-${Date.now()}`;
  const topic = `smoke-${suffix}`;
  const groupId = `smoke-group-${suffix}`;
  const admin = kafka.admin();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // Idempotence wants unlimited retries (kafkajs warns otherwise); the watchdog bounds the run.
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 2000 },
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const c1 = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 500 });
  const c2 = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 500 });
  let created = false;
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    check(
      cluster.brokers.length >= 1,
      `metadata: ${cluster.brokers.length} broker(s), controller ${cluster.controller}`,
    );

    created = await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    check(created, `admin.createTopics ${topic} (3 partitions)`);
    const md = await admin.fetchTopicMetadata({ topics: [topic] });
    check(md.topics[0].partitions.length === 3, 'topic metadata shows 3 partitions');

    await producer.connect();
    const keyPartition = new Map();
    for (let b = 0; b < N / 10; b++) {
      const messages = [];
      for (let i = b * 10; i < b * 10 + 10; i++) {
        messages.push({ key: `key-${i % 7}`, value: JSON.stringify({ i }) });
      }
      const res = await producer.send({ topic, acks: -1, messages });
      check(
        res.every((r) => r.errorCode === 0),
        `idempotent produce batch ${b + 1}/10 (acks=-1)`,
      );
    }

    // Consumer 1: read everything, commit each offset by hand.
    const seen = new Set();
    let heartbeats = 0;
    c1.on(c1.events.HEARTBEAT, () => heartbeats++);
    await c1.connect();
    await c1.subscribe({ topics: [topic], fromBeginning: true });
    await c1.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const { i } = JSON.parse(message.value.toString());
        seen.add(i);
        const key = message.key.toString();
        if (!keyPartition.has(key)) keyPartition.set(key, new Set());
        keyPartition.get(key).add(partition);
        await c1.commitOffsets([{ topic, partition, offset: (Number(message.offset) + 1).toString() }]);
      },
    });
    await until(() => seen.size === N, 30000, `${N} messages`);
    check(seen.size === N, `consumer group ${groupId} read all ${N} messages`);
    check(
      [...keyPartition.values()].every((s) => s.size === 1),
      'each key stayed on one partition',
    );
    await until(() => heartbeats > 0, 5000, 'a heartbeat');
    check(heartbeats > 0, `consumer heartbeats (${heartbeats})`);
    await c1.disconnect();

    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets[0].partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    check(committed === N, `committed offsets sum to ${N} (offset fetch)`);

    // Consumer 2, same group: committed offsets must win over fromBeginning.
    let redelivered = 0;
    let joined = false;
    c2.on(c2.events.GROUP_JOIN, () => (joined = true));
    await c2.connect();
    await c2.subscribe({ topics: [topic], fromBeginning: true });
    await c2.run({ autoCommit: false, eachMessage: async () => void redelivered++ });
    await until(() => joined, 30000, 'second consumer to join the group');
    await sleep(3000); // give it time to fetch anything that would be redelivered
    check(redelivered === 0, 'second consumer in the same group got no redelivery');
    await c2.disconnect();

    await admin.deleteGroups([groupId]);
    await admin.deleteTopics({ topics: [topic] });
    created = false;
    const left = await admin.listTopics();
    check(!left.includes(topic), 'admin.deleteTopics removed the topic');
    console.log('PASS: kafkajs works against the broker at ' + BROKERS.join(','));
    return 0;
  } catch (e) {
    console.error('FAIL:', e && e.stack ? e.stack : e);
    if (e && e.type) console.error(`  kafkajs error type: ${e.type} (code ${e.code})`);
    return 1;
  } finally {
    await Promise.allSettled([c1.disconnect(), c2.disconnect(), producer.disconnect()]);
    if (created) await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect().catch(() => {});
  }
}

// Watchdog: never hang a CI job, whatever kafkajs retries.
const WATCHDOG_S = WAIT ? TIMEOUT_S + 10 : 120;
setTimeout(() => {
  console.error(
    WAIT ? `Kafka not reachable after ${WATCHDOG_S}s` : `FAIL: smoke test did not finish in ${WATCHDOG_S}s`,
  );
  process.exit(1);
}, WATCHDOG_S * 1000).unref();

(WAIT ? waitForBroker() : smoke()).then((code) => process.exit(code));
