import { Role } from '../staff/role.enum';

/**
 * Who keeps the residents' archive (业主档案): registers residents, moves them out, edits them,
 * and creates the units they live in. Relations officers keep it; managers and supervisors may.
 */
export const ARCHIVE_KEEPERS: Role[] = [Role.MANAGER, Role.SUPERVISOR, Role.RELATIONS_OFFICER];

/**
 * Who reads the archive: everyone at the desk — the hotline staff look callers up in it — but
 * not technicians, who see the unit of their work order and nothing of its residents.
 */
export const ARCHIVE_READERS: Role[] = [
  Role.MANAGER,
  Role.SUPERVISOR,
  Role.RELATIONS_OFFICER,
  Role.AFFAIRS_OFFICER,
  Role.HOTLINE_MANAGER,
  Role.HOTLINE_OPERATOR,
];
