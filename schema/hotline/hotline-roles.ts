import { Role } from '../staff/role.enum';

/** Who takes calls (start and end them): the hotline and the staff above it. */
export const CALL_TAKERS = [Role.HOTLINE_OPERATOR, Role.HOTLINE_MANAGER, Role.SUPERVISOR, Role.MANAGER];

/** Who may end a call another operator took (one left open at a shift change, say). */
export const CALL_OVERSEERS = [Role.HOTLINE_MANAGER, Role.SUPERVISOR, Role.MANAGER];

/**
 * Who files service requests: the call takers, and relations officers, who receive residents
 * in person and on their visits (业主档案, 定期回访) and record what they ask for there.
 */
export const REQUEST_CREATORS = [...CALL_TAKERS, Role.RELATIONS_OFFICER];
