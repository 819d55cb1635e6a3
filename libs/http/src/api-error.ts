import { HttpException, HttpStatus } from '@nestjs/common';

/** The error body every API of the platform answers with. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? HttpStatus[status] ?? 'Error';
}

/** An HttpException whose response is already an ApiErrorBody, with optional response headers. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    message: string,
    details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    const body: ApiErrorBody = { statusCode: status, error: reasonPhrase(status), message };
    if (details !== undefined) body.details = details;
    super(body, status);
  }
}
