/**
 * Rules that tie fields of one message together (and to its Kafka key), which JSON Schema cannot say.
 * They are described in the AsyncAPI document's schema descriptions and in docs/events.md.
 */
export interface ConsistencyIssue {
  path: string;
  message: string;
}

type Rule = (value: Record<string, unknown>, key: string | null | undefined) => ConsistencyIssue[];

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function keyIssue(key: string | null | undefined, expected: string[]): ConsistencyIssue[] {
  if (key === undefined || expected.length === 0) return [];
  if (key === null) return [{ path: '(key)', message: `(key) is missing; expected "${expected[0]}"` }];
  return expected.includes(key)
    ? []
    : [{ path: '(key)', message: `(key) "${key}" must be ${expected.map((e) => `"${e}"`).join(' or ')}` }];
}

const changeEvent: Rule = (event, key) => {
  const connection = text(event.connectionid);
  const subject = text(event.subject);
  const data = event.data as Record<string, unknown> | undefined;
  const issues: ConsistencyIssue[] = [];
  if (connection !== undefined && event.source !== `/connections/${connection}`) {
    issues.push({
      path: '/source',
      message: `/source must be "/connections/${connection}" (the connectionid)`,
    });
  }
  if (subject !== undefined && data && typeof data === 'object' && data.id !== subject) {
    issues.push({
      path: '/subject',
      message: `/subject "${subject}" must equal /data/id "${String(data.id)}"`,
    });
  }
  if (connection !== undefined && subject !== undefined) {
    issues.push(...keyIssue(key, [`${connection}:${subject}`]));
  }
  return issues;
};

const rawWebhook: Rule = (record, key) => {
  const connection = text(record.connectionId);
  return connection === undefined ? [] : keyIssue(key, [connection]);
};

const deadLetter: Rule = (record, key) => {
  const { original, source } = record as { original?: unknown; source?: { topic?: unknown } };
  // The original delivery's connection; the source topic when the message was undecodable text.
  const expected =
    typeof original === 'object' && original !== null
      ? text((original as Record<string, unknown>).connectionId)
      : text(source?.topic);
  return expected === undefined ? [] : keyIssue(key, [expected]);
};

const connectionEvent: Rule = (event, key) => {
  const connection = text(event.connectionid);
  if (connection === undefined) return [];
  const data = event.data as Record<string, unknown> | undefined;
  const issues: ConsistencyIssue[] = [];
  if (event.source !== `/connections/${connection}`)
    issues.push({
      path: '/source',
      message: `/source must be "/connections/${connection}" (the connectionid)`,
    });
  if (event.subject !== connection)
    issues.push({ path: '/subject', message: `/subject must be the connectionid "${connection}"` });
  if (data && typeof data === 'object' && data.id !== connection)
    issues.push({ path: '/data/id', message: `/data/id must be the connectionid "${connection}"` });
  return [...issues, ...keyIssue(key, [connection])];
};

/** The rules of a message, by its AsyncAPI name (change events: their CloudEvents type). */
export function consistencyRuleOf(messageName: string): Rule | undefined {
  if (messageName.startsWith('ticketing.connection.')) return connectionEvent;
  if (messageName.startsWith('ticketing.')) return changeEvent;
  if (messageName === 'RawWebhookRecord') return rawWebhook;
  if (messageName === 'DeadLetterRecord') return deadLetter;
  return undefined;
}
