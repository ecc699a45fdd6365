import type { AuthCheckerInterface, ResolverData } from 'type-graphql';
import { AppError } from '../../common/app-error';
import type { RequestContext } from '../../context';
import type { Role } from '../role.enum';

/**
 * `@Authorized()` needs a signed-in caller; `@Authorized([roles])` one of those roles.
 * Missing caller → UNAUTHENTICATED, wrong role → FORBIDDEN (so clients can tell them apart).
 */
export class StaffAuthChecker implements AuthCheckerInterface<RequestContext, Role> {
  check({ context }: ResolverData<RequestContext>, roles: Role[]): boolean {
    if (!context.caller) throw new AppError('UNAUTHENTICATED', 'A staff token is required');
    if (roles.length > 0 && !roles.includes(context.caller.role)) {
      throw new AppError('FORBIDDEN', `This needs one of the roles ${roles.join(', ')}`);
    }
    return true;
  }
}
