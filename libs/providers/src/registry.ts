import type { ProviderDefinition } from './definition';
import { asana } from './asana';
import { azureDevops } from './azure_devops';
import { clickup } from './clickup';
import { freshdesk } from './freshdesk';
import { freshservice } from './freshservice';
import { front } from './front';
import { github } from './github';
import { gitlab } from './gitlab';
import { gorgias } from './gorgias';
import { helpScout } from './help_scout';
import { hubspot } from './hubspot';
import { intercom } from './intercom';
import { jira } from './jira';
import { jiraServiceManagement } from './jira_service_management';
import { linear } from './linear';
import { monday } from './monday';
import { servicenow } from './servicenow';
import { shortcut } from './shortcut';
import { trello } from './trello';
import { zendesk } from './zendesk';
import { zohoDesk } from './zoho_desk';

/** Every provider the platform knows. Adding one is adding its folder and one line here. */
const DEFINITIONS: readonly ProviderDefinition[] = [
  github,
  jira,
  zendesk,
  gitlab,
  linear,
  intercom,
  freshdesk,
  front,
  jiraServiceManagement,
  servicenow,
  freshservice,
  asana,
  clickup,
  azureDevops,
  shortcut,
  hubspot,
  helpScout,
  zohoDesk,
  gorgias,
  trello,
  monday,
];

export class UnknownProviderError extends Error {
  constructor(readonly provider: string) {
    super(`unknown provider "${provider}"`);
    this.name = 'UnknownProviderError';
  }
}

export class ProviderRegistry {
  private readonly byName: ReadonlyMap<string, ProviderDefinition>;

  constructor(definitions: readonly ProviderDefinition[] = DEFINITIONS) {
    this.byName = new Map(definitions.map((d) => [d.name, d]));
  }

  get(name: string): ProviderDefinition {
    const definition = this.byName.get(name);
    if (!definition) throw new UnknownProviderError(name);
    return definition;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  all(): ProviderDefinition[] {
    return [...this.byName.values()];
  }
}
