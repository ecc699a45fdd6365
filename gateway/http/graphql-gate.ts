import express, { type RequestHandler } from 'express';
import type { Caller } from '../../schema/context';
import { ARCHIVE_KEEPERS } from '../../schema/residents/archive-roles';
import type { CallerVerifier } from '../../schema/staff/sessions/session.service';
import { LIMITS } from '../graphql/limits';
import type { CallerConcurrency } from './caller-concurrency';
import { sendJsonError } from './json-errors';

/**
 * What POST /graphql passes before Apollo parses anything, cheapest first:
 * 1. the token and its session (cached: no statement while the account is unchanged): a bad
 *    one is refused at once; without one only a small body is read (only
 *    `login` is public, README "Limits"), so an unauthenticated client cannot make us read,
 *    parse or validate a large document;
 * 2. the body: JSON within `maxBodyBytes` (`maxPublicBodyBytes` without a token; archive keepers'
 *    variables up to `maxImportBodyBytes`, for roster files);
 * 3. the caller's turn (caller-concurrency.ts): a few operations at once per account and for
 *    everyone, a few more queued per account, the rest TOO_MANY_REQUESTS.
 * The request context checks the caller again (a cache hit) for its unit of work (gateway/graphql/context.ts).
 */
export function graphqlGate(options: { tokens: CallerVerifier; concurrency: CallerConcurrency }): RequestHandler[] {
  const authenticated = express.json({ limit: LIMITS.maxBodyBytes });
  const anonymous = express.json({ limit: LIMITS.maxPublicBodyBytes });
  // archive keepers send roster files (importResidents, base64 in a variable): their bodies may
  // be larger, but only in `variables` — the document and the rest stay within maxBodyBytes
  const keeper = express.json({
    limit: LIMITS.maxImportBodyBytes,
    verify: (_req, res, buf) => {
      (res as express.Response).locals.bodyBytes = buf.length;
    },
  });
  const keeperBody: RequestHandler = (req, res, next) =>
    keeper(req, res, (error?: unknown) => {
      if (error || !((res.locals.bodyBytes as number) > LIMITS.maxBodyBytes)) {
        next(error);
        return;
      }
      const { variables: _variables, ...rest } = (req.body ?? {}) as Record<string, unknown>;
      if (Buffer.byteLength(JSON.stringify(rest)) > LIMITS.maxBodyBytes) {
        next(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 }));
        return;
      }
      next();
    });

  const authenticate: RequestHandler = async (req, res, next) => {
    const header = req.headers.authorization;
    if (header) {
      try {
        res.locals.caller = await options.tokens.verify(header);
      } catch {
        refuseUnauthenticated(res, 'The token is invalid or has expired; sign in again');
        return;
      }
    } else if (Number(req.headers['content-length'] ?? 0) > LIMITS.maxPublicBodyBytes) {
      refuseUnauthenticated(res, 'A staff token is required (Authorization: Bearer <token>); sign in with `login`');
      return;
    }
    next();
  };

  const body: RequestHandler = (req, res, next) => {
    const caller = res.locals.caller as Caller | undefined;
    if (caller && ARCHIVE_KEEPERS.includes(caller.role)) keeperBody(req, res, next);
    else (caller ? authenticated : anonymous)(req, res, next);
  };

  const turn: RequestHandler = async (_req, res, next) => {
    const caller = res.locals.caller as Caller | undefined;
    // without a token only `login` runs (require-staff.ts), and a whole hotline behind one
    // address may sign in at the start of a shift: it is not queued per address
    if (!caller) {
      next();
      return;
    }
    const release = await options.concurrency.acquire(`staff:${caller.staffId}`);
    if (!release) {
      sendJsonError(res, 429, 'TOO_MANY_REQUESTS', 'Too many operations at once from this caller; retry shortly');
      return;
    }
    if (res.closed) {
      release(); // the client left while it waited
      return;
    }
    res.once('close', release);
    next();
  };

  return [authenticate, body, turn];
}

function refuseUnauthenticated(res: express.Response, message: string): void {
  // the body is left unread: the connection closes after the answer instead of draining it
  res.setHeader('connection', 'close');
  sendJsonError(res, 401, 'UNAUTHENTICATED', message);
}
