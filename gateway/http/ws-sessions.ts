import type { WebSocket } from 'ws';
import type { Caller } from '../../schema/context';
import type { SessionGate } from '../../schema/staff/sessions/session.service';

/**
 * Fixed close codes and reasons (never an error's text). 4401 ends the session for the
 * client (graphql-ws does not retry it; the desk signs in again); 4000 asks it to reconnect,
 * which re-checks the account and resubscribes under its new role or sites.
 */
export const WS_CLOSE = {
  sessionEnded: { code: 4401, reason: 'Unauthorized' },
  tokenExpired: { code: 4401, reason: 'Token expired' },
  accountChanged: { code: 4000, reason: 'Account changed' },
} as const;

/** setTimeout's bound (2^31 - 1 ms, about 24.8 days); a token lives 12 h */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Entry {
  caller: Caller;
  timer: NodeJS.Timeout;
}

/**
 * The open WebSockets per account. When an account changes (here or on another instance) each
 * of its sockets is checked again: a session that no longer stands (logout, deactivation) is
 * closed with 4401, a role or site change with 4000. A socket is closed when its token expires.
 */
export class WsSessions {
  private readonly byStaff = new Map<string, Map<WebSocket, Entry>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly gate: SessionGate) {
    this.unsubscribe = gate.onChange((staffId) => void this.recheck(staffId));
  }

  add(socket: WebSocket, caller: Caller): void {
    const delay = Math.min(Math.max(caller.expiresAt - Date.now(), 0), MAX_TIMER_MS);
    const timer = setTimeout(() => close(socket, WS_CLOSE.tokenExpired), delay);
    timer.unref();
    let sockets = this.byStaff.get(caller.staffId);
    if (!sockets) this.byStaff.set(caller.staffId, (sockets = new Map()));
    sockets.set(socket, { caller, timer });
  }

  remove(socket: WebSocket, staffId: string): void {
    const sockets = this.byStaff.get(staffId);
    const entry = sockets?.get(socket);
    if (!sockets || !entry) return;
    clearTimeout(entry.timer);
    sockets.delete(socket);
    if (sockets.size === 0) this.byStaff.delete(staffId);
  }

  size(): number {
    let n = 0;
    for (const sockets of this.byStaff.values()) n += sockets.size;
    return n;
  }

  dispose(): void {
    this.unsubscribe();
    for (const sockets of this.byStaff.values()) for (const entry of sockets.values()) clearTimeout(entry.timer);
    this.byStaff.clear();
  }

  /** Checks the sockets of `staffId` (`*`: of everyone) against the account as it is now. */
  async recheck(staffId: string): Promise<void> {
    const targets = staffId === '*' ? [...this.byStaff.values()] : [this.byStaff.get(staffId) ?? new Map()];
    for (const sockets of targets) {
      for (const [socket, entry] of [...sockets]) {
        let now: Caller | null;
        try {
          now = await this.gate.recheck(entry.caller);
        } catch {
          continue; // PostgreSQL did not answer: the next request or change checks again
        }
        if (!now) close(socket, WS_CLOSE.sessionEnded);
        else if (!sameAccess(now, entry.caller)) close(socket, WS_CLOSE.accountChanged);
      }
    }
  }
}

export function sameAccess(a: Caller, b: Caller): boolean {
  return a.role === b.role && (a.siteIds?.join(',') ?? '*') === (b.siteIds?.join(',') ?? '*');
}

function close(socket: WebSocket, how: { code: number; reason: string }): void {
  if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(how.code, how.reason);
}
