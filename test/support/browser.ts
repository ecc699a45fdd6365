/**
 * A real browser for the e2e tests: Debian's Chromium (`apt-get install chromium`) driven by
 * playwright-core. Nothing is downloaded: without /usr/bin/chromium the suite fails, loudly.
 * `watchPage` collects everything that went wrong in a page (uncaught errors, console errors,
 * failed requests, GraphQL errors over HTTP and graphql-ws) and the desk's traffic, so a test
 * can assert that a scenario ran clean and that an update arrived live.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page, type Request, type Response, type WebSocket } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Launches the system Chromium headless; throws a clear message when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: the desk e2e test needs a real browser. ` +
        'Install it with `apt-get install chromium` (CI installs it); playwright never downloads one here.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** One GraphQL operation sent over HTTP by the page. */
export interface GraphqlCall {
  operation: string;
  at: number;
}

/** One graphql-transport-ws message, sent or received by the page. */
export interface WsMessage {
  direction: 'sent' | 'received';
  at: number;
  message: { type?: string; id?: string; payload?: Record<string, unknown> & { errors?: unknown[]; data?: unknown } };
}

export interface PageWatch {
  /** uncaught exceptions and unhandled rejections in the page */
  pageErrors: string[];
  /** console.error lines (the browser logs failed loads there too) */
  consoleErrors: string[];
  /** requests with no answer, or answered with HTTP status ≥ 400 */
  failedRequests: string[];
  /** GraphQL responses with `errors` (HTTP or graphql-ws) */
  graphqlFailures: string[];
  /** GraphQL operations the page sent over HTTP, in order */
  graphqlCalls: GraphqlCall[];
  /** graphql-ws messages on /graphql, in order */
  wsMessages: WsMessage[];
  /** main-frame navigations (a reload counts one) */
  navigations: number;
  /** GraphQL operations sent over HTTP and not yet answered */
  inFlight: number;
  /** waits until the response bodies seen so far have been read */
  settled(): Promise<void>;
  /** every problem collected so far, one line each */
  problems(): string[];
  /** forgets the problems collected so far (after a failure a test provoked on purpose) */
  resetProblems(): void;
}

const isGraphql = (url: string) => new URL(url).pathname === '/graphql';

function operationOf(request: Request): string {
  try {
    const body = request.postDataJSON() as { operationName?: string } | null;
    return body?.operationName ?? '(anonymous)';
  } catch {
    return '(unreadable)';
  }
}

export function watchPage(page: Page): PageWatch {
  const pending = new Set<Promise<void>>();
  const watch: PageWatch = {
    pageErrors: [],
    consoleErrors: [],
    failedRequests: [],
    graphqlFailures: [],
    graphqlCalls: [],
    wsMessages: [],
    navigations: 0,
    inFlight: 0,
    async settled() {
      while (pending.size) await Promise.all([...pending]);
    },
    problems() {
      return [
        ...watch.pageErrors.map((e) => `page error: ${e}`),
        ...watch.consoleErrors.map((e) => `console error: ${e}`),
        ...watch.failedRequests.map((e) => `failed request: ${e}`),
        ...watch.graphqlFailures.map((e) => `GraphQL error: ${e}`),
      ];
    },
    resetProblems() {
      watch.pageErrors.length = 0;
      watch.consoleErrors.length = 0;
      watch.failedRequests.length = 0;
      watch.graphqlFailures.length = 0;
    },
  };

  page.on('pageerror', (error) => watch.pageErrors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) watch.navigations += 1;
  });
  const isGraphqlPost = (request: Request) => request.method() === 'POST' && isGraphql(request.url());
  page.on('request', (request) => {
    if (!isGraphqlPost(request)) return;
    watch.graphqlCalls.push({ operation: operationOf(request), at: Date.now() });
    watch.inFlight += 1;
  });
  page.on('requestfinished', (request) => {
    if (isGraphqlPost(request)) watch.inFlight -= 1;
  });
  page.on('requestfailed', (request) => {
    if (isGraphqlPost(request)) watch.inFlight -= 1;
    watch.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response: Response) => {
    const request = response.request();
    const graphql = isGraphqlPost(request);
    if (response.status() >= 400 && !graphql) {
      watch.failedRequests.push(`${request.method()} ${response.url()}: HTTP ${response.status()}`);
    }
    if (!graphql) return;
    const reading = response
      .json()
      .then((body: { errors?: unknown[] } | null) => {
        if (response.status() >= 400 || body?.errors?.length) {
          watch.graphqlFailures.push(
            `${operationOf(request)}: HTTP ${response.status()} ${JSON.stringify(body?.errors ?? body)}`,
          );
        }
      })
      .catch((error: unknown) => {
        watch.graphqlFailures.push(
          `${operationOf(request)}: HTTP ${response.status()}, unreadable body (${String(error)})`,
        );
      })
      .finally(() => pending.delete(reading));
    pending.add(reading);
  });
  page.on('websocket', (socket: WebSocket) => {
    if (!isGraphql(socket.url())) return;
    const record = (direction: WsMessage['direction']) => (frame: { payload: string | Buffer }) => {
      let message: WsMessage['message'];
      try {
        message = JSON.parse(String(frame.payload)) as WsMessage['message'];
      } catch {
        watch.graphqlFailures.push(`graphql-ws: unreadable ${direction} frame ${String(frame.payload).slice(0, 200)}`);
        return;
      }
      watch.wsMessages.push({ direction, at: Date.now(), message });
      if (direction === 'received' && (message.type === 'error' || message.payload?.errors?.length)) {
        watch.graphqlFailures.push(`graphql-ws ${message.type} ${JSON.stringify(message.payload)}`);
      }
    };
    socket.on('framesent', record('sent'));
    socket.on('framereceived', record('received'));
    socket.on('socketerror', (error) => watch.failedRequests.push(`WebSocket ${socket.url()}: ${error}`));
  });
  return watch;
}
