import type { FastifyInstance } from 'fastify';
import { reasonPhrase } from '@app/http';

/**
 * A JSON body of `null` is refused with 400 (the document's bodies are objects): Nest's validation
 * pipe would read it as `{}` and accept it. The proxy passes bodies on as they are, so it keeps null.
 */
export function refuseNullBodies(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, reply, done) => {
    if (request.body !== null || request.url.startsWith('/proxy/')) return done();
    void reply
      .status(400)
      .header('content-type', 'application/json')
      .send({
        statusCode: 400,
        error: reasonPhrase(400),
        message: 'The body must be a JSON object, not null',
      });
  });
}
