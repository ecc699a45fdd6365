/**
 * The signed-in session: token and staff member in sessionStorage (per tab, gone when the
 * tab closes), and a timer that fires when the token's `exp` passes.
 */
import { tokenExpiresAt } from './api.js';

const KEY = 'facilitydesk.desk.session';
const MAX_TIMER_MS = 2 ** 31 - 1; // setTimeout's limit (~24.8 days)

/** The stored session, or null when there is none or its token has expired. */
export function readSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (!session?.token) return null;
    const expiresAt = tokenExpiresAt(session.token);
    if (expiresAt !== null && expiresAt <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // storage disabled: the session lasts as long as the page
  }
}

export function clearSession() {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}

/** Calls `onExpired` when the token's `exp` passes; returns the cancel function. */
export function watchExpiry(token, onExpired) {
  const expiresAt = tokenExpiresAt(token);
  if (expiresAt === null) return () => {};
  const timer = setTimeout(onExpired, Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS));
  return () => clearTimeout(timer);
}
