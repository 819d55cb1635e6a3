/**
 * Azure DevOps error answers: `{"$id":"1","innerException":null,"message":"TF…: …","typeName":"<.NET
 * exception type>, <assembly>","typeKey":"<exception>","errorCode":0,"eventId":3000}`. A bad personal
 * access token is a 401 with no JSON body.
 */
import { ProviderValidationError } from '../kit/described';

const ASSEMBLY: Record<string, string> = {
  RuleValidationException:
    'Microsoft.TeamFoundation.WorkItemTracking.Server.RuleValidationException, Microsoft.TeamFoundation.WorkItemTracking.Server',
  WorkItemFieldInvalidException:
    'Microsoft.TeamFoundation.WorkItemTracking.Server.WorkItemFieldInvalidException, Microsoft.TeamFoundation.WorkItemTracking.Server',
};

export function errorBody(typeKey: string, message: string): Record<string, unknown> {
  return {
    $id: '1',
    innerException: null,
    message,
    typeName:
      ASSEMBLY[typeKey] ??
      `Microsoft.VisualStudio.Services.WebApi.${typeKey}, Microsoft.VisualStudio.Services.WebApi`,
    typeKey,
    errorCode: 0,
    eventId: 3000,
  };
}

/** A refusal with Azure DevOps' status and exception; 400s go through the kit as validation errors. */
export class AdoError extends ProviderValidationError {
  constructor(
    readonly status: number,
    readonly typeKey: string,
    message: string,
  ) {
    super(message, { typeKey: [typeKey] });
  }
}

/** What each collection's 404 says (the kit does not pass the id). */
export const NOT_FOUND: Record<string, [string, string]> = {
  workitems: [
    'WorkItemUnauthorizedAccessException',
    'TF401232: Work item does not exist, or you do not have permissions to read it.',
  ],
  comments: [
    'WorkItemCommentNotFoundException',
    'TF401487: The comment does not exist, or you do not have permissions to read it.',
  ],
  teams: ['TeamNotFoundException', 'VS403000: The team does not exist in the project.'],
  projects: ['ProjectDoesNotExistWithNameException', 'TF200016: The project does not exist.'],
  tags: ['TagNotFoundException', 'VS402624: The tag does not exist.'],
  workitemtypes: ['WorkItemTypeNotFoundException', 'TF401326: Invalid work item type name.'],
  fields: ['WorkItemTrackingFieldDefinitionNotFoundException', 'TF51535: Cannot find field.'],
};

export const RATE_LIMITED = errorBody(
  'RequestBlockedException',
  "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'ATCPU' in namespace 'User'.",
);
