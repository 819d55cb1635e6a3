import { POLL_UPDATED_SINCE, POLL_WHOLE_LIST, polled } from '../poll-marks';
import type { ProviderDefinition } from '../definition';
import { githubCollections } from './collection.mapping';
import { githubComments } from './comment.mapping';
import { githubOrganizations, githubTeams, githubWorkspaces } from './organization.mapping';
import { githubFields, githubTicketStatuses, githubTicketTypes } from './planning.mapping';
import { githubTags } from './tag.mapping';
import { githubTasks } from './task.mapping';
import { githubTickets } from './ticket.mapping';
import { githubUsers } from './user.mapping';
import { githubWebhooks } from './webhooks';

/**
 * GitHub Issues over the REST API v3 (2022-11-28): one repository per connection. Accounts, contacts,
 * attachments, task lists and ticket priorities have no GitHub counterpart (docs/providers/github.md).
 */
export const github: ProviderDefinition = {
  name: 'github',
  displayName: 'GitHub Issues',
  baseUrl: '"https://api.github.com"',
  auth: { scheme: 'bearer', token: 'credentials.token' },
  credentials: {
    token: {
      label: 'Access token',
      description: 'Personal access token (fine-grained or classic) or GitHub App installation token',
      pattern: '^\\S+$',
    },
  },
  // An OAuth app's user token (github.com/login/oauth): no expiry, no refresh token. `base_url` (an
  // emulator, GitHub Enterprise) serves the OAuth pages too.
  oauth2: {
    authorizeUrl: '(settings.base_url ? settings.base_url : "https://github.com") & "/login/oauth/authorize"',
    tokenUrl: '(settings.base_url ? settings.base_url : "https://github.com") & "/login/oauth/access_token"',
    scopes: ['repo', 'read:org'],
    pkce: true,
    // OAuth apps revoke a user token through the REST API, authenticated as the app (basic auth).
    revoke: {
      url: 'base_url & "/applications/" & client_id & "/token"',
      method: 'DELETE',
      authenticate: 'client',
      body: '{"access_token": credentials.access_token}',
      json: true,
    },
  },
  // A GitHub App installed on the repository's owner: the app's JWT (RS256, at most 10 minutes; issued a
  // minute back for clock drift) buys one-hour installation tokens, minted again before they expire.
  appInstallation: {
    label: 'GitHub App',
    credentials: {
      app_id: {
        label: 'App ID',
        description: "The app's ID (or client ID), on the app's settings page",
        secret: false,
        pattern: '^(\\d+|Iv[0-9a-zA-Z.]+)$',
      },
      private_key: {
        label: 'Private key',
        description: 'A private key generated for the app (the whole .pem file)',
        multiline: true,
        pattern: '-----BEGIN (RSA )?PRIVATE KEY-----',
      },
      installation_id: {
        label: 'Installation ID',
        description:
          "Found from the repository when empty (the number at the end of the installation's settings URL)",
        secret: false,
        optional: true,
        pattern: '^\\d+$',
      },
    },
    jwt: {
      privateKey: 'credentials.private_key',
      claims: '{"iat": now - 60, "exp": now + 540, "iss": credentials.app_id}',
    },
    installation: {
      credential: 'installation_id',
      path: '"/repos/" & settings.owner & "/" & settings.repo & "/installation"',
      id: '$string(body.id)',
    },
    token: {
      path: '"/app/installations/" & credentials.installation_id & "/access_tokens"',
      token: 'body.token',
      expiresAt: 'body.expires_at',
    },
    revoke: { url: 'base_url & "/installation/token"', method: 'DELETE', authenticate: 'token' },
  },
  // Reading the repository proves the token and the owner/repo settings at once.
  connectionCheck: { path: '"/repos/" & settings.owner & "/" & settings.repo' },
  // Lower-case names: they replace the engine's defaults instead of being sent beside them.
  headers: {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
  },
  connectionSettings: {
    owner: {
      description: 'Repository owner (user or organization)',
      required: true,
      pattern: '^[A-Za-z0-9-]+$',
    },
    repo: { description: 'Repository name', required: true, pattern: '^[A-Za-z0-9._-]+$' },
  },
  pagination: { strategy: 'link-header', sizeParam: 'per_page', maxPageSize: 100 },
  rateLimit: {
    // The primary limit answers 403 with remaining 0; secondary limits answer 403 or 429 with retry-after.
    isRateLimited: `status = 403 and (headers.'x-ratelimit-remaining' = "0" or $exists(headers.'retry-after'))`,
    limitHeader: 'x-ratelimit-limit',
    remainingHeader: 'x-ratelimit-remaining',
    resetHeader: 'x-ratelimit-reset',
    resetFormat: 'unix-seconds',
  },
  // `{"message": "Validation Failed", "errors": [{resource, field, code} | {message} | "text"]}`.
  errorMessage: `message & (
    $details := errors.($type($) = "string" ? $ : message ? message : $join([resource, field, code], " "));
    $count($details) > 0 ? ": " & $join($details, "; ") : ""
  )`,
  resources: {
    tickets: polled(githubTickets, POLL_UPDATED_SINCE),
    comments: polled(githubComments, POLL_UPDATED_SINCE),
    users: polled(githubUsers, POLL_WHOLE_LIST),
    tags: polled(githubTags, POLL_WHOLE_LIST),
    collections: polled(githubCollections, POLL_WHOLE_LIST),
    workspaces: polled(githubWorkspaces, POLL_WHOLE_LIST),
    organizations: polled(githubOrganizations, POLL_WHOLE_LIST),
    teams: polled(githubTeams, POLL_WHOLE_LIST),
    ticket_types: polled(githubTicketTypes, POLL_WHOLE_LIST),
    ticket_status: polled(githubTicketStatuses, POLL_WHOLE_LIST),
    fields: polled(githubFields, POLL_WHOLE_LIST),
    tasks: githubTasks,
  },
  webhooks: githubWebhooks,
  officialDescription: { kind: 'openapi', files: ['npm:@octokit/openapi/generated/api.github.com.json'] },
};
