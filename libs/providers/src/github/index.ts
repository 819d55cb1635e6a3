import type { ProviderDefinition } from '../definition';
import { githubCommentRecord } from './comment.mapping';
import { githubTicketRecord } from './ticket.mapping';
import { githubWebhooks } from './webhooks';

export const github: ProviderDefinition = {
  name: 'github',
  displayName: 'GitHub Issues',
  baseUrl: '"https://api.github.com"',
  auth: { scheme: 'bearer', token: 'credentials.token' },
  credentials: {
    token: { description: 'Personal access token (fine-grained or classic) or GitHub App installation token' },
  },
  headers: {
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
  },
  pagination: { strategy: 'link-header', sizeParam: 'per_page', maxPageSize: 100 },
  connectionSettings: {
    owner: {
      description: 'Repository owner (user or organization)',
      required: true,
      pattern: '^[A-Za-z0-9-]+$',
    },
    repo: { description: 'Repository name', required: true, pattern: '^[A-Za-z0-9._-]+$' },
  },
  resources: {
    tickets: { record: githubTicketRecord },
    comments: { record: githubCommentRecord },
  },
  webhooks: githubWebhooks,
};
