import { Role } from '../staff/role.enum';

/** Who opens (planned or manual) and ends incidents: the managers of the desk and the affairs officer. */
export const INCIDENT_EDITORS = [Role.MANAGER, Role.SUPERVISOR, Role.HOTLINE_MANAGER, Role.AFFAIRS_OFFICER];
