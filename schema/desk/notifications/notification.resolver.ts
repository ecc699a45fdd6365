import { Args, Authorized, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs, findPage } from '../../common/connection';
import type { RequestContext } from '../../context';
import { WorkOrder } from '../work-orders/work-order.entity';
import { Notification } from './notification.entity';

@ObjectType()
export class NotificationConnection extends Connection(Notification) {}

@Resolver(() => Notification)
export class NotificationResolver {
  /**
   * What the caller's role is told (escalations, complaints), newest first, for the work
   * orders of the caller's sites (the request's unit of work is scoped: schema/estate/site-scope.ts).
   */
  @Authorized()
  @Query(() => NotificationConnection, { description: 'Notices to the caller’s role, newest first.' })
  notifications(@Ctx() ctx: RequestContext, @Args() page: PageArgs): Promise<NotificationConnection> {
    return findPage(ctx.em, Notification, { recipientRole: ctx.caller!.role }, page, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      populate: ['workOrder'],
    });
  }

  @FieldResolver(() => WorkOrder)
  workOrder(@Root() notification: Notification, @Ctx() ctx: RequestContext): WorkOrder | Promise<WorkOrder> {
    return ctx.loaders.load(WorkOrder, notification.workOrder);
  }
}
