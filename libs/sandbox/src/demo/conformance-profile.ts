import type { CorpusDelivery } from '../corpus';
import type { ProviderEmulator } from '../kit/provider-emulator';

/**
 * What a provider's conformance run writes for one resource (bodies in the unified model) and the
 * query the resource needs. Strings `{{ticket:<number>}}` are replaced by the id of the ticket with
 * that number (Jira's ids are not its keys).
 */
export interface WritePlan {
  query?: Record<string, string>;
  create?: Record<string, unknown>;
  update?: Record<string, unknown>;
  /** The provider soft-deletes: afterwards the record reads as inactive instead of 404. */
  softDelete?: boolean;
  /** Without a create: update or delete the record with this id (it must exist in the seed data). */
  existing?: string;
}

/**
 * What the conformance suite needs to know about a provider beyond its definition: data, not tests.
 * The suite derives every check from the definition's capabilities; this only supplies the bodies to
 * write, the emulator's own count of what a full list walk must return, and the provider's own 429.
 */
export interface ConformanceProfile<E extends ProviderEmulator = ProviderEmulator> {
  /** Per unified resource: the write plan (required for every resource with a write method). */
  plans: Record<string, WritePlan>;
  /**
   * For a unified resource with `list`: how many records a full walk (with the plan's query) must
   * return from the emulator, counted from the emulator's own state, not through its API.
   * Undefined: the suite cannot count this one (it still walks it for repeats and gaps).
   */
  count(emulator: E, resource: string, query: Record<string, string>): number | undefined;
  /**
   * What each of the provider's deliveries in the shared corpus must become, stated per delivery so the
   * corpus can grow: the changes (`resource:action`) it carries, or a declared drop (`ignored`), or a
   * dead letter (`unmapped`). Undefined for a delivery: the suite checks only that the outcome is one of those.
   */
  corpus?(delivery: CorpusDelivery): CorpusOutcome | undefined;
  /**
   * Every delivery of the provider in the corpus becomes events or a drop its definition declares: none
   * may be dead-lettered (`unmapped_event`, `mapping_failed`, `fetch_failed`). A thin delivery whose
   * record the emulator does not have is published partial, with the deletion, as the normalizer does.
   */
  corpusMapsEverything?: boolean;
  /** The next `times` API calls answer 429 exactly as the provider does (Retry-After 1 s). */
  rateLimitNext(emulator: E, times: number): void;
}

export type CorpusOutcome =
  { kind: 'changes'; resources: string[] } | { kind: 'ignored' } | { kind: 'unmapped' };
