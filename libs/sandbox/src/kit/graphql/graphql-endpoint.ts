import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { buildSchema, execute, GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';

/**
 * A GraphQL provider's endpoint for the emulator kit: the provider's schema (SDL) executed by graphql-js,
 * with resolvers only where behaviour matters (the schema gives the shape; plain objects resolve their
 * own fields, functions on them take the field's arguments). Requests are parsed and validated against
 * the schema, so a query the provider would refuse is refused here too, with its error shape.
 */
export interface GraphqlEndpointDescription {
  path: string;
  sdl: string;
  /** Root fields: `Query` and `Mutation` resolvers as one object (graphql-js root value). */
  root: (request: FastifyRequest) => Record<string, unknown>;
  /** Refuses the request before execution (auth, rate limit): the error and the HTTP status to send. */
  guard?: (request: FastifyRequest, reply: FastifyReply) => ProviderGraphqlError | undefined;
  /** The provider's `extensions` for an error (code, type, user-presentable message). */
  extensions: (error: ProviderGraphqlError | GraphQLError) => Record<string, unknown>;
  /** HTTP status of an answer with errors and no data (providers differ: 200, 400 …). */
  errorStatus: number;
}

/** An error a resolver or guard raises in the provider's own terms. */
export class ProviderGraphqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export function registerGraphqlEndpoint(app: FastifyInstance, d: GraphqlEndpointDescription): GraphQLSchema {
  const schema = buildSchema(d.sdl);
  const fail = (reply: FastifyReply, status: number, errors: unknown[]) =>
    reply.status(status).type('application/json; charset=utf-8').send({ errors, data: null });
  app.post(d.path, async (request, reply) => {
    const refused = d.guard?.(request, reply);
    if (refused) return fail(reply, refused.status ?? d.errorStatus, [describe(refused, d)]);
    const { query, variables, operationName } = (request.body ?? {}) as {
      query?: unknown;
      variables?: unknown;
      operationName?: unknown;
    };
    if (typeof query !== 'string')
      return fail(reply, 400, [describe(new GraphQLError('Must provide query string.'), d)]);
    let document;
    try {
      document = parse(query);
    } catch (error) {
      return fail(reply, 400, [describe(error as GraphQLError, d)]);
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0)
      return fail(
        reply,
        400,
        invalid.map((e) => describe(e, d)),
      );
    const result = await execute({
      schema,
      document,
      rootValue: d.root(request),
      variableValues: (variables ?? {}) as Record<string, unknown>,
      operationName: typeof operationName === 'string' ? operationName : undefined,
    });
    const errors = (result.errors ?? []).map((e) => describe(e, d));
    const data = result.data ?? null;
    const status =
      errors.length > 0 && Object.values(data ?? {}).every((v) => v === null) ? d.errorStatus : 200;
    return reply
      .status(status)
      .type('application/json; charset=utf-8')
      .send(errors.length > 0 ? { errors, data } : { data });
  });
  return schema;
}

function describe(error: ProviderGraphqlError | GraphQLError, d: GraphqlEndpointDescription) {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const cause = original instanceof ProviderGraphqlError ? original : error;
  return {
    message: error.message,
    ...(error instanceof GraphQLError && error.locations ? { locations: error.locations } : {}),
    ...(error instanceof GraphQLError && error.path ? { path: error.path } : {}),
    extensions: d.extensions(cause),
  };
}

export interface RelayArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * A relay connection over records in order: `nodes`, `edges` and `pageInfo`, with opaque cursors. The
 * default page size is the provider's (Linear: 50); `first` above `max` is refused as providers do.
 */
export function relayConnection<T extends object>(
  records: T[],
  args: RelayArgs,
  options: { defaultSize: number; max: number },
) {
  const size = args.first ?? options.defaultSize;
  if (size < 0 || size > options.max)
    throw new ProviderGraphqlError(`first must be between 0 and ${options.max}`, 'INVALID_INPUT');
  const afterIndex = args.after ? records.findIndex((r) => cursorOf(r) === args.after) : -1;
  if (args.after && afterIndex < 0) throw new ProviderGraphqlError('Invalid cursor', 'INVALID_INPUT');
  const page = records.slice(afterIndex + 1, afterIndex + 1 + size);
  const hasNextPage = afterIndex + 1 + size < records.length;
  return {
    nodes: page,
    edges: page.map((node) => ({ node, cursor: cursorOf(node) })),
    pageInfo: {
      hasNextPage,
      hasPreviousPage: afterIndex >= 0,
      startCursor: page.length > 0 ? cursorOf(page[0]) : null,
      endCursor: page.length > 0 ? cursorOf(page[page.length - 1]) : null,
    },
  };
}

// Linear's cursors are record ids; opaque either way to a client that only passes them back.
const cursorOf = (record: object) => String((record as { id?: unknown }).id);
