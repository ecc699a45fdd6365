import { AppError } from '../common/app-error';
import { Role } from '../staff/role.enum';

/**
 * The hotline's stand-in for the resident archive's phone rules, with the same names and
 * behaviour, so that a call's number matches `resident.phone` (digits only, the national
 * number). When schema/residents/phone.ts is on the same branch, this file goes and its
 * importers import that one instead.
 */
const MIN_PHONE_DIGITS = 7;
const MAX_PHONE_DIGITS = 20;

/** Digits only; China's country code dropped ("+86 138-1234-5678" → "13812345678"). */
export function normalisePhone(input: string): string {
  const compact = input.trim().replace(/[\s().-]/g, '');
  let digits = compact.replace(/\D/g, '');
  if (/^(\+|00)86/.test(compact)) digits = digits.replace(/^(00)?86/, '');
  else if (/^861\d{10}$/.test(compact)) digits = digits.slice(2);
  if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) {
    throw AppError.badInput(`A phone number has ${MIN_PHONE_DIGITS} to ${MAX_PHONE_DIGITS} digits`, { phone: input });
  }
  return digits;
}

/** Roles that see a caller's full number; everyone else sees it masked. */
export const PHONE_READERS: readonly Role[] = [
  Role.MANAGER,
  Role.SUPERVISOR,
  Role.RELATIONS_OFFICER,
  Role.HOTLINE_MANAGER,
  Role.HOTLINE_OPERATOR,
];

/** "13812345678" → "138****5678"; shorter numbers keep only their last 4 digits. */
export function maskPhone(digits: string): string {
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length < 11) return '*'.repeat(digits.length - 4) + digits.slice(-4);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** The number `role` may see: in full for PHONE_READERS, masked for the rest. */
export function phoneFor(role: Role | null | undefined, digits: string): string {
  return role && PHONE_READERS.includes(role) ? digits : maskPhone(digits);
}
