import {
  JiraServiceManagementEmulator,
  JSM_SEED_CREDENTIALS,
  JSM_SEED_REQUEST_TYPE_ID,
  JSM_SEED_SERVICE_DESK_ID,
} from '@app/sandbox/jira_service_management';
import { createRecordValidator, type UnifiedResourceName } from '@app/unified-models';
import type { ConnectionContext } from '../engine/connection-context';
import { ExpressionCache } from '../engine/expression-cache';
import { ProviderClient } from '../engine/provider-client';
import type { UnifiedRecord } from '../engine/record-mapper';
import { ProviderRegistry } from '../registry';
import { jiraServiceManagement } from './index';

/** An emulator, a client with quick retries, and a connection to the emulator's service desk 1. */
export function jsmHarness(now?: () => Date) {
  const emulator = new JiraServiceManagementEmulator({ now });
  const expressions = new ExpressionCache();
  // As in production: the definition's own expressions run compiled (fast-jsonata) where supported.
  expressions.trustDefinitions([jiraServiceManagement]);
  const client = new ProviderClient({
    registry: new ProviderRegistry([jiraServiceManagement]),
    expressions,
    retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 50 },
  });
  const connection = (
    credentials: Record<string, string> = { ...JSM_SEED_CREDENTIALS },
  ): ConnectionContext => ({
    id: 'c-jsm',
    tenantId: 't1',
    provider: 'jira_service_management',
    settings: {
      base_url: emulator.url,
      site: 'acme',
      service_desk_id: JSM_SEED_SERVICE_DESK_ID,
      request_type_id: JSM_SEED_REQUEST_TYPE_ID,
    },
    credentials,
  });
  return { emulator, client, connection };
}

/** Fails with the validator's errors (path and message) rather than a bare `false`. */
export function expectValid(resource: string, record: UnifiedRecord): void {
  const result = createRecordValidator(resource as UnifiedResourceName)(record);
  expect([resource, result.errors ?? []]).toEqual([resource, []]);
}
