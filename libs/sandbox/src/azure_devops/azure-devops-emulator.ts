/**
 * Azure DevOps REST API 7.1 described for the kit: organization `fabrikam`, project `Fabrikam-Fiber`.
 * HTTP Basic with a personal access token as the password (any user name); `api-version` required on
 * every call (`-preview` where the API is one); collections answered as `{count, value}`; `$top`/`$skip`
 * paging for projects, teams and members, `continuationToken` for comments; `{"$id", "message",
 * "typeKey", …}` error bodies; `X-RateLimit-*` once usage runs high and a 429 with Retry-After; JSON
 * Patch (`application/json-patch+json`) work item writes; service hook events sent with the secret in
 * a custom header (Azure DevOps signs nothing).
 */
import type { FastifyRequest } from 'fastify';
import {
  DescribedEmulator,
  type DescribedEmulatorOptions,
  type EmulatorDescription,
  type EmulatorPaging,
} from '../kit/described';
import { basicCredentials } from '../kit/provider-emulator';
import { adoComments, createComment, renderComment, updateComment } from './comments';
import { AdoError, NOT_FOUND, RATE_LIMITED, errorBody } from './errors';
import { adoRoutes } from './routes';
import {
  ADO_ORG,
  ADO_PROJECT,
  ADO_SEED_PAT,
  adoFields,
  adoNodes,
  adoProjects,
  adoTags,
  adoTeamMembers,
  adoTeams,
  adoWorkItemTypes,
  team,
} from './seed';
import { ADO_SECRET_HEADER, commentEvent, workItemEvent } from './webhooks';
import { adoWorkItems, renderWorkItem, updateWorkItem } from './work-items';
import { randomUUID } from 'node:crypto';

const ORG = `/${ADO_ORG}`;
const PROJECT = `${ORG}/:project`;
const SKIP_TOP: EmulatorPaging = {
  style: 'offset',
  startParam: '$skip',
  sizeParam: '$top',
  defaultSize: 100,
  maxSize: 100,
};
const wrapped = (items: unknown[]) => ({ count: items.length, value: items });

/** Checks every API call for what Azure DevOps refuses before routing: an unknown project or no api-version. */
function refusal(request: FastifyRequest): [number, Record<string, unknown>] | undefined {
  const [path, search] = request.url.split('?');
  const version = new URLSearchParams(search ?? '').get('api-version');
  if (!version)
    return [
      400,
      errorBody(
        'VssVersionNotSpecifiedException',
        `No api-version was supplied for the "${request.method}" request. The version must be supplied either as part of the Accept header (e.g. "application/json; api-version=1.0") or as a query parameter (e.g. "?api-version=1.0").`,
      ),
    ];
  if (path.includes('/comments') && !version.includes('-preview'))
    return [
      400,
      errorBody(
        'VssInvalidPreviewVersionException',
        `The requested version "${version}" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "${version}-preview"`,
      ),
    ];
  const segments = path.split('/');
  const project = decodeURIComponent(segments[2] ?? '');
  const byProject = segments[3] === '_apis' || segments[4] === '_apis';
  if (project !== '_apis' && byProject && project !== ADO_PROJECT)
    return [
      404,
      errorBody(
        'ProjectDoesNotExistWithNameException',
        `TF200016: The following project does not exist: ${project}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`,
      ),
    ];
  return undefined;
}

export const AZURE_DEVOPS_EMULATOR: EmulatorDescription = {
  provider: 'azure_devops',
  apiPrefix: `${ORG}/`,
  credentials: { personal_access_token: ADO_SEED_PAT },
  authorized: (request, credentials) =>
    basicCredentials(request)?.password === credentials.personal_access_token,
  errors: {
    unauthorized: () => '',
    notFound: (what) => {
      const [typeKey, message] = NOT_FOUND[what] ?? [
        'VssResourceNotFoundException',
        'The resource does not exist.',
      ];
      return errorBody(typeKey, message);
    },
    invalid: (e) => errorBody(e instanceof AdoError ? e.typeKey : 'RuleValidationException', e.message),
    invalidStatus: 400,
    badRequest: (message) =>
      errorBody(
        'VssServiceException',
        message.replace(/^Malformed JSON.*/, 'Value cannot be null.\r\nParameter name: document'),
      ),
  },
  paging: { style: 'none' },
  rateLimit: {
    limit: 200,
    windowSeconds: 300,
    // Azure DevOps sends these only once a user's usage runs high (and with every delayed or refused answer).
    headers: (limit, remaining, reset, now): Record<string, string> =>
      remaining > limit / 10
        ? {}
        : {
            'x-ratelimit-resource': 'ATCPU',
            'x-ratelimit-delay': '0.5',
            'x-ratelimit-limit': String(limit),
            'x-ratelimit-remaining': String(remaining),
            'x-ratelimit-reset': String(now + reset),
          },
    body: RATE_LIMITED,
  },
  collections: {
    workitems: {
      path: `${PROJECT}/_apis/wit/workitems`,
      seed: adoWorkItems(),
      // Create (by type), delete (to the recycle bin) and the list (WIQL + batch) are routes.ts.
      methods: ['get', 'update'],
      input: (body) => ({ operations: body }),
      render: renderWorkItem,
      update: updateWorkItem,
      webhook: workItemEvent,
    },
    comments: {
      path: `${PROJECT}/_apis/wit/workItems/:workItemId/comments`,
      scope: { workItemId: 'workItemId' },
      seed: adoComments(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      paging: {
        style: 'cursor',
        cursorParam: 'continuationToken',
        sizeParam: '$top',
        defaultSize: 200,
        maxSize: 200,
      },
      listBody: (items, page) => ({
        totalCount: page.total,
        count: items.length,
        comments: items,
        ...(page.nextCursor ? { continuationToken: page.nextCursor, nextPage: page.nextUrl } : {}),
      }),
      createStatus: 200,
      render: renderComment,
      create: createComment,
      update: updateComment,
      webhook: commentEvent,
    },
    members: {
      path: `${ORG}/_apis/projects/:projectId/teams/:team/members`,
      scope: { team: 'team' },
      seed: adoTeamMembers(),
      methods: ['list'],
      paging: SKIP_TOP,
      order: () => 0,
      render: ({ team: _team, ...member }) => member,
      listBody: wrapped,
    },
    teams: {
      path: `${ORG}/_apis/projects/:projectId/teams`,
      scope: { projectId: 'projectName' },
      seed: adoTeams(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      paging: SKIP_TOP,
      order: (a, b) => String(a.name).localeCompare(String(b.name)),
      listBody: wrapped,
      createStatus: 200,
      create: (input) => {
        if (typeof input.name !== 'string' || input.name.trim() === '')
          throw new AdoError(
            400,
            'ArgumentNullException',
            'Value cannot be null.\r\nParameter name: team.Name',
          );
        return team(randomUUID(), input.name, typeof input.description === 'string' ? input.description : '');
      },
      update: (t, input) => ({
        ...t,
        ...(typeof input.name === 'string' ? { name: input.name } : {}),
        ...(typeof input.description === 'string' ? { description: input.description } : {}),
      }),
    },
    projects: {
      path: `${ORG}/_apis/projects`,
      key: 'name',
      seed: adoProjects(),
      methods: ['list', 'get'],
      paging: SKIP_TOP,
      order: (a, b) => String(a.name).localeCompare(String(b.name)),
      listBody: wrapped,
    },
    tags: {
      path: `${PROJECT}/_apis/wit/tags`,
      // Azure DevOps also reads a tag by its name; the emulator by its GUID only.
      seed: adoTags(),
      methods: ['list', 'get', 'update', 'delete'],
      order: (a, b) => String(a.name).localeCompare(String(b.name)),
      listBody: wrapped,
      update: (tag, input, ctx) => {
        if (typeof input.name !== 'string' || input.name.trim() === '')
          throw new AdoError(400, 'ArgumentException', 'VS402625: The tag name is required.');
        return { ...tag, name: input.name, lastUpdated: ctx.now() };
      },
    },
    workitemtypes: {
      path: `${PROJECT}/_apis/wit/workitemtypes`,
      key: 'name',
      seed: adoWorkItemTypes(),
      methods: ['list', 'get'],
      order: () => 0,
      listBody: wrapped,
    },
    fields: {
      path: `${PROJECT}/_apis/wit/fields`,
      key: 'referenceName',
      seed: adoFields(),
      methods: ['list', 'get'],
      order: () => 0,
      listBody: wrapped,
    },
    nodes: { path: `${PROJECT}/_apis/wit/classificationnodes/_seeded`, seed: adoNodes(), methods: [] },
  },
  signWebhook: (_body, secret) => ({ [ADO_SECRET_HEADER]: secret }),
  extraRoutes: (app, kit) => {
    app.addContentTypeParser('application/json-patch+json', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(String(body)));
      } catch {
        done(
          Object.assign(new Error('You must pass a valid patch document in the body of the request.'), {
            statusCode: 400,
          }),
          undefined,
        );
      }
    });
    app.addHook('preHandler', async (request, reply) => {
      const refused = request.url.startsWith(`${ORG}/`) ? refusal(request) : undefined;
      if (!refused) return undefined;
      await reply.status(refused[0]).type('application/json; charset=utf-8').send(JSON.stringify(refused[1]));
      return reply;
    });
    adoRoutes(app, kit);
  },
};

export class AzureDevopsEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    super(AZURE_DEVOPS_EMULATOR, options);
  }
}
