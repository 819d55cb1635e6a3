import type { RecordedMessage } from '../support/topic-recorder';

export interface EventSetComparison {
  /** Delivery id → the distinct event ids read for it. */
  idsByDelivery: Map<string, Set<string>>;
  /** Deliveries whose events are missing, or are not exactly the one expected id. */
  wrong: [string, string][];
  distinctEvents: number;
}

/** Compares, per delivery id, the set of event ids read with the one deterministic id expected. */
export function compareEventSets(
  messages: RecordedMessage[],
  expected: Map<string, string>,
): EventSetComparison {
  const idsByDelivery = new Map<string, Set<string>>();
  for (const m of messages) {
    const set = idsByDelivery.get(String(m.json.deliveryid)) ?? new Set<string>();
    set.add(String(m.json.id));
    idsByDelivery.set(String(m.json.deliveryid), set);
  }
  const wrong = [...expected].filter(([deliveryId, id]) => {
    const got = idsByDelivery.get(deliveryId);
    return !got || got.size !== 1 || !got.has(id);
  });
  return { idsByDelivery, wrong, distinctEvents: new Set(messages.map((m) => String(m.json.id))).size };
}
