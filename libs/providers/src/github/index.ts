import type { ProviderDefinition } from '../definition';
import { githubCommentRecord } from './comment.mapping';
import { githubTicketRecord } from './ticket.mapping';
import { githubWebhooks } from './webhooks';

export const github: ProviderDefinition = {
  name: 'github',
  displayName: 'GitHub Issues',
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
