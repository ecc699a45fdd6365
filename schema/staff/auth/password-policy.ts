import { AppError } from '../../common/app-error';

/** Passwords of at least 10 characters (issue 7); the upper bound keeps hashing input small. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** BAD_USER_INPUT when `password` is too short or too long. */
export function checkPasswordPolicy(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw AppError.badInput(`${field} must have at least ${MIN_PASSWORD_LENGTH} characters`, { field });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw AppError.badInput(`${field} must have at most ${MAX_PASSWORD_LENGTH} characters`, { field });
  }
}
