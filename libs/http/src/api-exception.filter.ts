import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, reasonPhrase, type ApiErrorBody } from './api-error';
import { methodNotAllowedBody, type RouteMethods } from './route-methods';

/**
 * Every error leaves as `{statusCode, error, message, details}`. Unexpected errors are logged with their
 * stack and answered with a generic 500 message, so internals (and secrets in messages) never leak.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  constructor(private readonly routes?: RouteMethods) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const allowed = this.unsupportedMethod(exception, request);
    if (allowed) {
      void reply
        .status(405)
        .header('allow', allowed.join(', '))
        .header('content-type', 'application/json')
        .send(methodNotAllowedBody(request.method, request.url, allowed));
      return;
    }
    const body = this.toBody(exception);
    if (exception instanceof ApiError) {
      for (const [name, value] of Object.entries(exception.headers)) void reply.header(name, value);
    }
    void reply.status(body.statusCode).header('content-type', 'application/json').send(body);
  }

  /** For a request no route matched: the methods its path does answer, when there are some. */
  private unsupportedMethod(exception: unknown, request: FastifyRequest | undefined): string[] | undefined {
    if (!this.routes || !request || !(exception instanceof NotFoundException)) return undefined;
    // Nest's answer for an unmatched route; a handler's own 404 (a record not found) is left alone.
    if (exception.message !== `Cannot ${request.method} ${request.url}`) return undefined;
    const allowed = this.routes.allowedFor(request.url);
    return allowed.length > 0 && !allowed.includes(request.method) ? allowed : undefined;
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null) {
        const r = response as Partial<ApiErrorBody> & { message?: unknown };
        const message = Array.isArray(r.message)
          ? 'Validation failed'
          : String(r.message ?? exception.message);
        const details = r.details ?? (Array.isArray(r.message) ? r.message : undefined);
        return { statusCode: status, error: reasonPhrase(status), message, ...(details ? { details } : {}) };
      }
      return { statusCode: status, error: reasonPhrase(status), message: String(response) };
    }
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return {
        statusCode: fastifyStatus,
        error: reasonPhrase(fastifyStatus),
        message: (exception as Error).message,
      };
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return { statusCode: 500, error: reasonPhrase(500), message: 'An unexpected error occurred' };
  }
}
