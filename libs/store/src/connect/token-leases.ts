import type { Store } from '../store';

/**
 * The store as the OAuth token refresher needs it (structurally the providers lib's `TokenLeaseStore`):
 * the refresh lease, the connection's current tokens, and the tenant's OAuth app.
 */
export function tokenLeasesOf(store: Pick<Store, 'connections' | 'oauthApps'>) {
  return {
    claim: (id: string, owner: string, leaseMs: number) =>
      store.connections.claimTokenRefresh(id, owner, leaseMs),
    finish: (
      id: string,
      owner: string,
      outcome: { credentials: Record<string, string> } | { needsReauth: true } | { release: true },
    ) => store.connections.finishTokenRefresh(id, owner, outcome),
    read: async (id: string) => {
      const connection = await store.connections.findById(id);
      return (
        connection && {
          credentials: connection.credentials ?? {},
          needsReauth: connection.authStatus === 'needs_reauth',
        }
      );
    },
    oauthApp: (tenantId: string, provider: string) => store.oauthApps.find(tenantId, provider),
  };
}
