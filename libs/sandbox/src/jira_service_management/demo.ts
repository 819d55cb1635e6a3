import { countListed, rateLimitNext, type ListedCollections, type ProviderObject } from '../kit/described';
import type { DemoProvider } from '../demo/demo-provider';
import { JiraServiceManagementEmulator } from './jira-service-management-emulator';
import { JSM_SEED_CREDENTIALS, JSM_SEED_REQUEST_TYPE_ID, JSM_SEED_SERVICE_DESK_ID } from './seed';

const DESK = JSM_SEED_SERVICE_DESK_ID;
const inDesk = (r: ProviderObject) => (r.serviceDeskIds as string[]).includes(DESK);

/** Unified resource → the emulator collection behind it, and which of its records a list returns. */
const LISTED: ListedCollections = {
  tickets: ['requests', (r) => r.serviceDeskId === DESK],
  comments: ['comments', (c, q) => c.issueId === q.ticket_id],
  contacts: ['customers', inDesk],
  accounts: ['organizations', inDesk],
  ticket_types: ['requestTypes', (t) => t.serviceDeskId === DESK],
  collections: ['queues', (q) => q.serviceDeskId === DESK],
  workspaces: ['serviceDesks', () => true],
};

export const jiraServiceManagementDemo: DemoProvider<JiraServiceManagementEmulator> = {
  provider: 'jira_service_management',
  port: 4108,
  createEmulator: () => new JiraServiceManagementEmulator(),
  settings: { site: 'acme', service_desk_id: DESK, request_type_id: JSM_SEED_REQUEST_TYPE_ID },
  credentials: { ...JSM_SEED_CREDENTIALS },
  conformance: {
    plans: {
      tickets: {
        create: {
          name: 'Gateway request',
          description: 'Raised through the unified API',
          ticket_type: { id: '11' },
          tags: [{ id: 'gateway' }],
        },
        // A field edit (platform) and a status change (JSM transition) in one update.
        update: { name: 'Gateway request (edited)', status: { id: 'Resolved' } },
      },
      comments: {
        query: { ticket_id: '{{ticket:HELP-3}}' },
        create: {
          ticket: { id: '{{ticket:HELP-3}}' },
          body: 'Internal note through the gateway',
          is_internal: true,
        },
      },
      contacts: { create: { name: 'Gateway Customer', emails: [{ email: 'gateway.customer@example.com' }] } },
      accounts: { create: { name: 'Gateway Organization' } },
    },
    count: countListed(LISTED),
    rateLimitNext,
  },
};
