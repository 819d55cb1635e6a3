/** Public shapes and repository contracts of the store (connections live in connections/). */

export interface Tenant {
  id: string;
  name: string;
  created_at: string;
}

export interface TenantRepository {
  create(input: { name: string }): Promise<Tenant>;
  findById(id: string): Promise<Tenant | undefined>;
  list(): Promise<Tenant[]>;
}

/** What may be shown about a key after issuing it: never the secret nor its hash. */
export interface ApiKey {
  id: string;
  tenant_id: string;
  name: string;
  prefix: string;
  created_at: string;
}

export interface IssuedApiKey {
  apiKey: ApiKey;
  /** `utk_<prefix>_<random>`: returned once, only its hash is stored. */
  secret: string;
}

export interface ApiKeyRepository {
  issue(tenantId: string, input: { name: string }): Promise<IssuedApiKey>;
  authenticate(secret: string): Promise<{ tenantId: string; keyId: string } | undefined>;
  /** False when no active key with that id belongs to the tenant. */
  revoke(tenantId: string, keyId: string): Promise<boolean>;
  /** Active (not revoked) keys. */
  list(tenantId: string): Promise<ApiKey[]>;
}

export interface MappingOverride {
  tenant_id: string;
  /** Null for an override that applies to all of the tenant's connections. */
  connection_id: string | null;
  key: string;
  expression: string;
  created_at: string;
  updated_at: string;
}

/** How an override has fared since it was last saved. */
export interface OverrideFailures {
  connection_id: string | null;
  key: string;
  failure_count: number;
  last_failed_at: string | null;
  last_failure: string | null;
}

export interface OverrideLayers {
  tenant: Record<string, string>;
  connection: Record<string, string>;
}

export interface MappingOverrideRepository {
  /** Inserts or replaces; throws StoreNotFoundError for a connection of another tenant. */
  put(
    tenantId: string,
    connectionId: string | null,
    key: string,
    expression: string,
  ): Promise<MappingOverride>;
  get(tenantId: string, connectionId: string | null, key: string): Promise<MappingOverride | undefined>;
  delete(tenantId: string, connectionId: string | null, key: string): Promise<boolean>;
  listForTenant(tenantId: string): Promise<MappingOverride[]>;
  layersFor(tenantId: string, connectionId: string): Promise<OverrideLayers>;
  /** Adds `count` failures and keeps the latest message; a no-op for an override that is gone. */
  recordFailures(
    tenantId: string,
    connectionId: string | null,
    key: string,
    count: number,
    lastMessage: string,
  ): Promise<void>;
  failuresForTenant(tenantId: string): Promise<OverrideFailures[]>;
}

export type IdempotencyClaim =
  | { state: 'new' }
  | { state: 'replay'; status: number; body: unknown }
  | { state: 'conflict' }
  | { state: 'in_progress' };

export interface IdempotencyRepository {
  /**
   * Atomic: of concurrent claims for one key exactly one gets `new`. A claim left unfinished past
   * the store's lease (its instance died) is handed to the next request as `new`.
   */
  claim(
    tenantId: string,
    key: string,
    requestHash: string,
    /** The connection the request names: deleting it deletes the record. */
    connectionId?: string | null,
  ): Promise<IdempotencyClaim>;
  complete(tenantId: string, key: string, status: number, body: unknown): Promise<void>;
  /** Forgets an unfinished claim (the request failed), so a retry can run it again. */
  release(tenantId: string, key: string): Promise<void>;
  purgeOlderThan(date: Date): Promise<number>;
}

/** Rows removed by a purge of stored ticket content. */
export interface PurgedData {
  /** Retained events (their pending and settled deliveries go with them). */
  events: number;
  attempts: number;
  idempotency: number;
  /** Webhook delivery ids kept for deduplication. */
  dedup: number;
}

export interface StoredDataRepository {
  /**
   * Deletes what is kept of a tenant's tickets: retained events and their deliveries, the attempt log,
   * idempotency records and its connections' dedup keys. Connections, subscriptions and overrides stay.
   */
  purgeTenant(tenantId: string): Promise<PurgedData>;
  /**
   * Seals plain bodies and re-seals those of another key than the active one. Rows that cannot be
   * opened (their key is gone, or they were moved to another row) are counted, not changed.
   */
  rotate(): Promise<{ resealed: number; unreadable: number }>;
}

/** A webhook delivery as the dedup table knows it: which connection, which provider delivery id. */
export interface DeliveryPair {
  connectionId: string;
  deliveryId: string;
}

export interface DeliveryDedupRepository {
  /** True the first time a (connection, delivery) pair is seen, false for a redelivery. */
  claim(connectionId: string, deliveryId: string, seenAt?: Date): Promise<boolean>;
  /**
   * Records many pairs as seen in one write (one commit): pairs already recorded are left as they are.
   * For the ingest's group commit, where no caller needs to know which pair was new.
   */
  claimAll(pairs: readonly DeliveryPair[], seenAt?: Date): Promise<void>;
  /** Whether the pair was recorded at or after `notBefore` (the dedup window). */
  seen(connectionId: string, deliveryId: string, notBefore: Date): Promise<boolean>;
  purgeOlderThan(date: Date): Promise<number>;
}

/** An outbound webhook subscription as the API may show it: never its secrets. */
export interface Subscription {
  id: string;
  tenant_id: string;
  url: string;
  /** Patterns: exact types, `*` for one dot-separated segment, or `*` alone. */
  event_types: string[];
  /** Only this connection's events when set. */
  connection_id: string | null;
  enabled: boolean;
  description: string | null;
  /** Why the platform disabled it (410, failing too long); null when enabled or disabled by the tenant. */
  disabled_reason: string | null;
  /** Start of the current run of failed attempts; null after any success. */
  failing_since: string | null;
  /** Until when the secret before the last rotation still signs; null outside a rotation window. */
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewSubscription {
  url: string;
  event_types: string[];
  connection_id?: string | null;
  enabled?: boolean;
  description?: string | null;
  /** The `whsec_` signing secret; stored encrypted. */
  secret: string;
}

/** Each given field replaces the stored one; `null` clears connection filter or description. */
export interface SubscriptionUpdate {
  url?: string;
  event_types?: string[];
  connection_id?: string | null;
  enabled?: boolean;
  description?: string | null;
}

export interface SubscriptionRepository {
  /** Throws StoreNotFoundError for a connection that is not the tenant's. */
  create(tenantId: string, input: NewSubscription): Promise<Subscription>;
  findForTenant(tenantId: string, id: string): Promise<Subscription | undefined>;
  listForTenant(tenantId: string): Promise<Subscription[]>;
  /**
   * Re-enabling clears the disabled reason and the failure clock; disabling fails what was pending.
   * Throws like create.
   */
  update(tenantId: string, id: string, changes: SubscriptionUpdate): Promise<Subscription | undefined>;
  delete(tenantId: string, id: string): Promise<boolean>;
  /** The new secret signs from now on; the current one keeps signing until `previousUntil`. */
  rotateSecret(
    tenantId: string,
    id: string,
    secret: string,
    previousUntil: Date,
  ): Promise<Subscription | undefined>;
  /**
   * The failure clock: a failure (`at`) starts it unless it runs already, a success (`null`) stops
   * it. Returns when the current run of failures began (null: none).
   */
  trackFailure(id: string, at: Date | null): Promise<string | null>;
  /** Disables it with a reason and fails what it had pending; false when it was already disabled. */
  disable(id: string, reason: string): Promise<boolean>;
  /** Makes deliveries of retained events due at `at` (new, or reset to a fresh schedule); returns how many. */
  requeue(tenantId: string, subscriptionId: string, eventIds: readonly string[], at: Date): Promise<number>;
}

/** A CloudEvent the dispatcher keeps for delivery and replay. */
export interface StoredEvent {
  tenantId: string;
  eventId: string;
  type: string;
  connectionId: string | null;
  /** The CloudEvent `time`. */
  time: string;
  /** The CloudEvent exactly as consumed: what subscribers receive. */
  body: string;
  /** W3C `traceparent` of the span that consumed it, continued by its delivery attempts (tracing on). */
  traceparent?: string | null;
}

export type EventSummary = Omit<StoredEvent, 'body'>;

/** An event and the subscriptions it is to be delivered to (none: kept for replay only). */
export interface EnqueueItem {
  event: StoredEvent;
  subscriptionIds: readonly string[];
}

/**
 * How many rows of a subscription may be leased at once, by every instance together: one bound for
 * all, or one per subscription (the dispatcher's, from how fast each answers).
 */
export type SubscriptionShare = number | ((subscriptionId: string) => number);

/** Lets the intake lease the deliveries it writes to the instance that will send them. */
export interface IntakeLease {
  owner: string;
  until: Date;
  /** At most this many deliveries leased in all. */
  limit: number;
  /** How many new deliveries of the subscription this instance may lease now. */
  slotsFor(subscriptionId: string): number;
}

export interface EnqueueResult {
  /** Deliveries added (a re-consumed event adds none). */
  added: number;
  /** Those of them leased to the intake's instance. */
  leased: ClaimedDelivery[];
}

/** A delivery the scheduler holds a lease on, with all it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  subscription_id: string;
  tenant_id: string;
  event_id: string;
  /** Attempts made before this one. */
  attempts: number;
  url: string;
  body: string;
  /** Decrypted signing secrets: the current one, then the previous one inside its rotation window. */
  secrets: string[];
  /** The subscription's failure clock when the delivery was claimed (null: not failing). */
  failing_since: string | null;
  /** The event's stored W3C `traceparent`: each attempt is a span of the event's trace. */
  trace_parent: string | null;
}

export interface AttemptRecord {
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/** One attempt made under a lease, with what happens to its delivery next (see finishAll). */
export interface FinishedAttempt {
  delivery: ClaimedDelivery;
  owner: string;
  attempt: AttemptRecord;
  resolution: DeliveryResolution;
}

export type DeliveryResolution =
  { status: 'delivered' } | { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

export interface DeliveryAttempt {
  id: string;
  delivery_id: string;
  event_id: string;
  /** 1 for the first attempt of a delivery (a replay starts again at 1). */
  attempt: number;
  attempted_at: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
}

export interface DeliveryAttemptRepository {
  /**
   * Keeps the events and adds a pending delivery per (subscription, event); idempotent on that
   * pair, so Kafka messages consumed twice yield one delivery. Returns the deliveries added.
   */
  enqueue(items: readonly EnqueueItem[], firstAttemptAt: Date): Promise<number>;
  /**
   * enqueue, leasing new deliveries to `lease.owner` in the same INSERT (enabled subscriptions
   * only, up to `lease.slotsFor` each and `lease.limit` in all) and returning them ready to send.
   */
  enqueueLeased(
    items: readonly EnqueueItem[],
    firstAttemptAt: Date,
    lease: IntakeLease,
  ): Promise<EnqueueResult>;
  /**
   * Due, unleased deliveries of enabled subscriptions, oldest first, at most `perSubscription` per
   * subscription counting those already leased (in flight) by any instance.
   */
  findDue(
    now: Date,
    perSubscription: number,
    limit: number,
  ): Promise<{ id: string; subscription_id: string }[]>;
  /** Leases the given deliveries; of several claimers each row goes to one. */
  claim(ids: readonly string[], owner: string, now: Date, leaseUntil: Date): Promise<ClaimedDelivery[]>;
  /**
   * findDue and claim together (one read for every subscription's due rows, one UPDATE to lease
   * them all): the scheduler's hot path. Of several claimers each row goes to one. `settling`: per
   * subscription, how many of this owner's leased rows are answered and only wait for their attempt
   * to be recorded; they do not use up the subscription's share.
   */
  claimDue(
    now: Date,
    perSubscription: SubscriptionShare,
    limit: number,
    owner: string,
    leaseUntil: Date,
    settling?: ReadonlyMap<string, number>,
  ): Promise<ClaimedDelivery[]>;
  /** Logs the attempt and settles the delivery; false when the lease was lost meanwhile. */
  finish(
    delivery: ClaimedDelivery,
    owner: string,
    attempt: AttemptRecord,
    resolution: DeliveryResolution,
  ): Promise<boolean>;
  /** Hands back leases this owner took but will not use (no attempt made): due again at once. */
  release(ids: readonly string[], owner: string): Promise<void>;
  /**
   * finish for many attempts in one transaction (the attempt log and the settled rows commit
   * together); per attempt in order, false when its lease was lost meanwhile.
   */
  finishAll(attempts: readonly FinishedAttempt[]): Promise<boolean[]>;
  /** Newest first; `before` is the cursor of the previous page. */
  listAttempts(
    subscriptionId: string,
    options: { limit: number; before?: string },
  ): Promise<{ result: DeliveryAttempt[]; next_cursor: string | null }>;
  /** A retained event of the tenant (for replay). */
  findRetainedEvent(tenantId: string, eventId: string): Promise<EventSummary | undefined>;
  /** Retained events of the tenant with `time` at or after `since`, oldest first. */
  listRetainedEvents(tenantId: string, since: Date, limit: number): Promise<EventSummary[]>;
  /** Forgets events (and their deliveries) stored before `date`, unless still pending, and older attempts. */
  purgeOlderThan(date: Date): Promise<{ events: number; attempts: number }>;
}
