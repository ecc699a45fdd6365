import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { EmergencyPlan } from './emergency-plan.entity';
import { EmergencyPlanStep } from './emergency-plan-step.type';

@Resolver(() => EmergencyPlan)
export class EmergencyPlanResolver {
  @Authorized()
  @Query(() => [EmergencyPlan], { description: 'Every emergency plan (紧急预案), by fault code.' })
  emergencyPlans(@Ctx() ctx: RequestContext): Promise<EmergencyPlan[]> {
    return ctx.em.find(EmergencyPlan, {}, { orderBy: { faultCode: 'asc' } });
  }

  @FieldResolver(() => [EmergencyPlanStep])
  steps(@Root() plan: EmergencyPlan): EmergencyPlanStep[] {
    return plan.steps.map((step, index) => ({ position: index + 1, text: step.text, textZh: step.textZh }));
  }
}
