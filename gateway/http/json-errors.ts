import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { type Log, errorFields } from '../../devices/log';

/** An error answered outside GraphQL, in the same shape as GraphQL errors (never express's HTML page). */
export function sendJsonError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** What body-parser's errors mean to the client; anything else is ours, logged and masked. */
const BODY_ERRORS: Record<string, { status: number; message: string }> = {
  'entity.parse.failed': { status: 400, message: 'The request body is not valid JSON' },
  'entity.too.large': { status: 413, message: 'The request body is too large' },
  'entity.verify.failed': { status: 400, message: 'The request body could not be read' },
  'request.aborted': { status: 400, message: 'The request was aborted' },
  'request.size.invalid': { status: 400, message: 'The request body does not match its Content-Length' },
  'encoding.unsupported': { status: 415, message: 'Unsupported Content-Encoding' },
  'charset.unsupported': { status: 415, message: 'Unsupported charset' },
  'stream.encoding.set': { status: 500, message: 'Internal server error' },
};

/** The last handler: malformed and oversized bodies get JSON, with no stack trace, ever. */
export function jsonErrors(log: Log): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const type = (error as { type?: unknown } | null)?.type;
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    if (known && known.status < 500) {
      // core contract, "Error codes": a size over a limit is GRAPHQL_VALIDATION_FAILED; a body
      // that cannot be read is BAD_REQUEST, as Apollo answers a request without a query
      sendJsonError(
        res,
        known.status,
        known.status === 413 ? 'GRAPHQL_VALIDATION_FAILED' : 'BAD_REQUEST',
        known.message,
      );
      return;
    }
    log.error('unexpected error in an HTTP request', errorFields(error));
    sendJsonError(res, 500, 'INTERNAL', 'Internal server error');
  };
}

/** Unknown paths: a JSON 404, not express's HTML page. */
export const jsonNotFound: RequestHandler = (_req, res) => sendJsonError(res, 404, 'NOT_FOUND', 'Not found');
