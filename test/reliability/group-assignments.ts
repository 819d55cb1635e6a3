import { AssignerProtocol, type GroupDescription, type Kafka } from 'kafkajs';

/** A consumer group as its coordinator describes it: state, members, their assignments. */
export async function describeGroup(kafka: Kafka, groupId: string): Promise<GroupDescription> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const {
      groups: [group],
    } = await admin.describeGroups([groupId]);
    return group;
  } finally {
    await admin.disconnect();
  }
}

/** Which member (by member id) holds each partition of a topic in a consumer group, as its coordinator says. */
export async function partitionOwners(
  kafka: Kafka,
  groupId: string,
  topic: string,
): Promise<Map<number, string>> {
  const owners = new Map<number, string>();
  for (const member of (await describeGroup(kafka, groupId)).members) {
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    for (const partition of decoded?.assignment[topic] ?? []) owners.set(partition, member.memberId);
  }
  return owners;
}

/** Each partition's high watermark: compared before and after, they say which partitions were written. */
export async function highWatermarks(kafka: Kafka, topic: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
}
