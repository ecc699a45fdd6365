import { AppError } from '../common/app-error';
import { Role } from '../staff/role.enum';

/** The fewest digits a phone number has (a local landline without its area code). */
export const MIN_PHONE_DIGITS = 7;
/** The most digits the `resident.phone` column keeps. */
export const MAX_PHONE_DIGITS = 20;

/**
 * A phone number as the archive keeps it: digits only, the national number. Separators and
 * brackets are dropped ("138-1234-5678", "(021) 6543 2109"); China's country code is dropped
 * from a number written internationally ("+86 138-1234-5678", "0086 13812345678" →
 * "13812345678"), so the same mobile typed either way is the same resident. Other country
 * codes are kept (digits only). Fewer than 7 digits is BAD_USER_INPUT.
 */
export function normalisePhone(input: string): string {
  const digits = nationalDigits(input);
  if (digits.length < MIN_PHONE_DIGITS) {
    throw AppError.badInput(`A phone number has at least ${MIN_PHONE_DIGITS} digits`, { phone: input });
  }
  if (digits.length > MAX_PHONE_DIGITS) {
    throw AppError.badInput(`A phone number has at most ${MAX_PHONE_DIGITS} digits`, { phone: input });
  }
  return digits;
}

/** Digits only, without China's country code (+86, 0086, or 86 before an 11-digit mobile). */
function nationalDigits(input: string): string {
  const compact = input.trim().replace(/[\s().-]/g, '');
  const digits = compact.replace(/\D/g, '');
  if (/^(\+|00)86/.test(compact)) return digits.replace(/^(00)?86/, '');
  if (/^861\d{10}$/.test(compact)) return digits.slice(2);
  return digits;
}

/**
 * The digits of a search that is a phone number or part of one ("5678", "138 1234",
 * "+86 1381234…"), or null when the search is something else (a name, a unit code). The
 * caller decides whether there are enough of them.
 */
export function phoneDigitsOfSearch(search: string): string | null {
  const compact = search.trim().replace(/[\s().-]/g, '');
  return /^\+?\d+$/.test(compact) ? nationalDigits(compact) : null;
}

/** Roles that see a resident's (and a caller's) full phone number; everyone else sees it masked. */
export const PHONE_READERS: readonly Role[] = [
  Role.MANAGER,
  Role.SUPERVISOR,
  Role.RELATIONS_OFFICER,
  Role.HOTLINE_MANAGER,
  Role.HOTLINE_OPERATOR,
];

/**
 * A phone number as a role that may not read it sees it: the middle hidden, as Chinese
 * services print numbers ("13812345678" → "138****5678"). Numbers shorter than a mobile keep
 * only their last 4 digits ("65432109" → "****2109"); the length is kept either way.
 */
export function maskPhone(digits: string): string {
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length < 11) return '*'.repeat(digits.length - 4) + digits.slice(-4);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** The phone number `role` may see: in full for PHONE_READERS, masked for the rest. */
export function phoneFor(role: Role | null | undefined, digits: string): string {
  return role && PHONE_READERS.includes(role) ? digits : maskPhone(digits);
}
