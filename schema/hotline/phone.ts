import { AppError } from '../common/app-error';
import { Role } from '../staff/role.enum';

/**
 * The hotline's copy of the phone rules of the resident archive (digits only, as
 * `resident.phone` is stored): a call's number is normalised the same way so that it matches.
 * Kept here until schema/residents/phone.ts exists; then this file goes and both use that one.
 */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 20) throw AppError.badInput('phone must have 3 to 20 digits');
  return digits;
}

/** Roles that call residents back or keep the archive see whole numbers; the others see them masked. */
export const PHONE_READERS: readonly Role[] = [
  Role.MANAGER,
  Role.SUPERVISOR,
  Role.RELATIONS_OFFICER,
  Role.HOTLINE_MANAGER,
  Role.HOTLINE_OPERATOR,
];

/** 13812345678 → 138****5678: the first three and last four digits stay, so a caller can be told apart. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(Math.max(0, phone.length - 2)) + phone.slice(-2);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

export function phoneFor(role: Role, phone: string): string {
  return PHONE_READERS.includes(role) ? phone : maskPhone(phone);
}
