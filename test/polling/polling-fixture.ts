import { TOPICS } from '@app/bus';
import { ProviderClient, ProviderRegistry } from '@app/providers';
import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { JiraEmulator, JIRA_SEED_CREDENTIALS } from '@app/sandbox/jira';
import { ZendeskEmulator, ZENDESK_SEED_CREDENTIALS, ZENDESK_SEED_SUBDOMAIN } from '@app/sandbox/zendesk';
import { callContextOf, openStore, type Store, type StoreSettings } from '@app/store';
import { seedStore } from '../support/stack';
import { TopicRecorder, type RecordedMessage } from '../support/topic-recorder';

export type PolledProvider = 'github' | 'jira' | 'zendesk';
export const PROVIDERS: readonly PolledProvider[] = ['github', 'jira', 'zendesk'];

/**
 * The three emulators, a store with one connection to each (receiving webhooks when given a secret), the engine
 * to change records through, and a recorder of the ticket and comment topics for those connections.
 */
export class PollingFixture {
  readonly github = new GithubEmulator();
  readonly jira = new JiraEmulator();
  readonly zendesk = new ZendeskEmulator();
  readonly client = new ProviderClient({ registry: new ProviderRegistry() });
  readonly connections = {} as Record<PolledProvider, string>;
  env: Record<string, string> = {};
  store!: Store;
  recorder!: TopicRecorder;

  constructor(
    private readonly brokers: string,
    /** Connections receive webhooks signed with it; none: polling is all they have. */
    readonly webhookSecret?: string,
  ) {}

  async start(providers: readonly PolledProvider[] = PROVIDERS): Promise<void> {
    await Promise.all(providers.map((p) => this.emulator(p).start()));
    const settings: Record<PolledProvider, Record<string, string>> = {
      github: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO },
      jira: { site: 'acme', project_key: 'SUP' },
      zendesk: { subdomain: ZENDESK_SEED_SUBDOMAIN },
    };
    const credentials: Record<PolledProvider, Record<string, string>> = {
      github: { token: GITHUB_SEED_TOKEN },
      jira: { ...JIRA_SEED_CREDENTIALS },
      zendesk: { ...ZENDESK_SEED_CREDENTIALS },
    };
    const seeded = await seedStore(
      providers.map((provider) => ({
        provider,
        settings: { ...settings[provider], base_url: this.emulator(provider).url },
        credentials: credentials[provider],
        ...(this.webhookSecret ? { webhookSecret: this.webhookSecret } : {}),
      })),
    );
    providers.forEach((p, i) => (this.connections[p] = seeded.connectionIds[i]));
    this.env = { KAFKA_BROKERS: this.brokers, ...seeded.env };
    // The store the pollers use (SQLite, or PostgreSQL where the e2e run says so).
    this.store = await openStore(seeded.env as unknown as StoreSettings);
    const ids = new Set(seeded.connectionIds);
    this.recorder = new TopicRecorder(this.brokers, [TOPICS.tickets, TOPICS.comments], (m) =>
      ids.has(m.json.connectionid as string),
    );
    await this.recorder.start();
  }

  async stop(): Promise<void> {
    await this.recorder?.stop();
    await this.store?.close();
    await Promise.all(
      PROVIDERS.map((p) =>
        this.emulator(p)
          .stop()
          .catch(() => undefined),
      ),
    );
  }

  emulator(provider: PolledProvider): GithubEmulator | JiraEmulator | ZendeskEmulator {
    return this[provider];
  }

  async context(provider: PolledProvider) {
    const connection = await this.store.connections.findById(this.connections[provider]);
    return callContextOf(connection!);
  }

  /** A change through the provider's API that sends no webhook. */
  silently<T>(provider: PolledProvider, change: () => Promise<T>): Promise<T> {
    return this.emulator(provider).webhooks.silently(change);
  }

  async ticketIds(provider: PolledProvider, count: number): Promise<string[]> {
    const page = await this.client.list(await this.context(provider), 'tickets', { limit: count });
    return page.result.map((r) => r.id);
  }

  /** Events of one record, in the order the topic holds them. */
  eventsOf(provider: PolledProvider, subject: string, type?: string): RecordedMessage[] {
    return this.recorder.messages.filter(
      (m) =>
        m.json.connectionid === this.connections[provider] &&
        m.json.subject === subject &&
        (type === undefined || m.json.type === type),
    );
  }
}
