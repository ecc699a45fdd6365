import { Args, Authorized, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Callback } from '../../callbacks/callback.entity';
import { Connection, PageArgs, findPage } from '../../common/connection';
import type { RequestContext } from '../../context';
import { ServiceRequest } from '../../hotline/requests/service-request.entity';
import { WorkOrder } from '../work-orders/work-order.entity';
import { Notification } from './notification.entity';

@ObjectType()
export class NotificationConnection extends Connection(Notification) {}

@Resolver(() => Notification)
export class NotificationResolver {
  /**
   * What the caller's role is told (escalations, complaints, low callback scores), newest
   * first, of the caller's sites (the notification's site: schema/estate/site-scope.ts).
   */
  @Authorized()
  @Query(() => NotificationConnection, { description: 'Notices to the caller’s role, newest first.' })
  notifications(@Ctx() ctx: RequestContext, @Args() page: PageArgs): Promise<NotificationConnection> {
    return findPage(ctx.em, Notification, { recipientRole: ctx.caller!.role }, page, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      populate: ['workOrder'],
    });
  }

  @FieldResolver(() => WorkOrder, {
    nullable: true,
    description: 'The work order it is about; null for a low score on a callback without one (see `callback`).',
  })
  workOrder(
    @Root() notification: Notification,
    @Ctx() ctx: RequestContext,
  ): WorkOrder | null | Promise<WorkOrder | null> {
    return ctx.loaders.loadOptional(WorkOrder, notification.workOrder);
  }

  @FieldResolver(() => Callback, {
    nullable: true,
    description: 'The callback a CALLBACK_LOW_SCORE notice without a work order is about.',
  })
  callback(@Root() notification: Notification, @Ctx() ctx: RequestContext): Callback | null | Promise<Callback | null> {
    return ctx.loaders.loadOptional(Callback, notification.callback);
  }

  @FieldResolver(() => ServiceRequest, {
    nullable: true,
    description:
      'The complaint a COMPLAINT_FILED notice is about (for one that joined an incident, the notice has no `workOrder`: see the request’s).',
  })
  serviceRequest(
    @Root() notification: Notification,
    @Ctx() ctx: RequestContext,
  ): ServiceRequest | null | Promise<ServiceRequest | null> {
    return ctx.loaders.loadOptional(ServiceRequest, notification.serviceRequest);
  }
}
