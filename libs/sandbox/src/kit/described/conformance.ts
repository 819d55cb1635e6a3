import type { DescribedEmulator } from './described-emulator';
import type { ProviderObject } from './description';

/** Unified resource → the emulator collection behind it, and which of its records the unified list returns. */
export type ListedCollections = Record<
  string,
  [collection: string, listed: (record: ProviderObject, query: Record<string, string>) => boolean]
>;

/** A conformance `count` for a described emulator: its own records that the unified list must return. */
export function countListed(listed: ListedCollections) {
  return (
    emulator: DescribedEmulator,
    resource: string,
    query: Record<string, string>,
  ): number | undefined => {
    const entry = listed[resource];
    return entry && emulator.records(entry[0]).filter((record) => entry[1](record, query)).length;
  };
}

/** A conformance `rateLimitNext` for a described emulator: its provider's own 429, `times` over. */
export function rateLimitNext(emulator: DescribedEmulator, times: number): void {
  emulator.injectFault(emulator.rateLimitFault(1, times));
}
