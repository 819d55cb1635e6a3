#!/usr/bin/env node
// Prints the unified change events as they arrive: `npm run consume [-- topic ...]`.
// Reads from the end of the topics unless --from-beginning is given.
const { Kafka, logLevel } = require('kafkajs');

const args = process.argv.slice(2);
const fromBeginning = args.includes('--from-beginning');
const topics = args.filter((a) => !a.startsWith('--'));
const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');

async function main() {
  const kafka = new Kafka({ clientId: 'consume-script', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `consume-script-${process.pid}-${Date.now()}` });
  await consumer.connect();
  // By default every topic of the event stream (each resource's topic, connections, dead letters), not the raw one.
  const wanted = topics.length ? topics : [/^ticketing\.(?!raw-webhooks\.)[a-z_-]+\.v1$/];
  await consumer.subscribe({ topics: wanted, fromBeginning });
  console.error(`listening on ${wanted.map(String).join(', ')} at ${brokers.join(',')} (Ctrl-C to stop)`);
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const value = message.value ? message.value.toString('utf8') : '';
      let shown = value;
      try {
        const event = JSON.parse(value);
        const data = event.data || {};
        if (data.remote_data) data.remote_data = '…';
        shown = JSON.stringify(event, null, 2);
      } catch {
        /* not JSON: print as is */
      }
      console.log(`--- ${topic} key=${message.key ? message.key.toString() : ''}\n${shown}`);
    },
  });
  const stop = () => consumer.disconnect().finally(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
