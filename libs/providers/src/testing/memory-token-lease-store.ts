import type { TokenLeaseStore } from '../oauth/token-refresher';

/**
 * One connection's row with its lease, as the store keeps it: the store's side of token leases for unit
 * tests (the SQL leases themselves are tested in test/store and test/connect).
 */
export function memoryTokenLeaseStore(credentials: Record<string, string>) {
  const row = {
    credentials,
    needsReauth: false,
    lease: undefined as { owner: string; until: number } | undefined,
  };
  const store: TokenLeaseStore = {
    claim: async (_id, owner, leaseMs) => {
      if (row.lease && row.lease.until > Date.now()) return false;
      row.lease = { owner, until: Date.now() + leaseMs };
      return true;
    },
    finish: async (_id, owner, outcome) => {
      if (row.lease?.owner !== owner) return false;
      row.lease = undefined;
      if ('credentials' in outcome) row.credentials = outcome.credentials;
      if ('needsReauth' in outcome) row.needsReauth = true;
      return true;
    },
    read: async () => ({ credentials: row.credentials, needsReauth: row.needsReauth }),
    oauthApp: async () => ({ clientId: 'c', clientSecret: 's' }),
  };
  return { row, store };
}
