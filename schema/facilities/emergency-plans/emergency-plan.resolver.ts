import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { PLAN_EDITORS } from '../../staff/role.enum';
import { AnnouncementTemplateType } from './announcement-template.type';
import { EmergencyPlan } from './emergency-plan.entity';
import { UpdateEmergencyPlanInput } from './emergency-plan.inputs';
import { EmergencyPlanService } from './emergency-plan.service';
import { EmergencyPlanStep } from './emergency-plan-step.type';

@Resolver(() => EmergencyPlan)
export class EmergencyPlanResolver {
  constructor(private readonly plans: EmergencyPlanService) {}

  @Authorized()
  @Query(() => [EmergencyPlan], { description: 'Every emergency plan (紧急预案), by fault code.' })
  emergencyPlans(@Ctx() ctx: RequestContext): Promise<EmergencyPlan[]> {
    return ctx.em.find(EmergencyPlan, {}, { orderBy: { faultCode: 'asc' } });
  }

  @Authorized(PLAN_EDITORS)
  @Mutation(() => EmergencyPlan, {
    description:
      'Edits an emergency plan (managers and supervisors). Plans are estate-wide: one per fault code, for every site. ' +
      'A change applies to alerts raised after it: a work order or incident already open keeps its steps, deadlines and texts ' +
      '(only the evidence rule reads the plan when the work order is verified). ' +
      'Omitted fields stay; null clears titleZh, the evidence pair and the template. A stale version is CONFLICT.',
  })
  updateEmergencyPlan(
    @Arg('input') input: UpdateEmergencyPlanInput,
    @Ctx() ctx: RequestContext,
  ): Promise<EmergencyPlan> {
    return this.plans.update(ctx.em, ctx.caller!, input);
  }

  @FieldResolver(() => [EmergencyPlanStep])
  steps(@Root() plan: EmergencyPlan): EmergencyPlanStep[] {
    return plan.steps.map((step, index) => ({ position: index + 1, text: step.text, textZh: step.textZh }));
  }

  @FieldResolver(() => AnnouncementTemplateType, {
    nullable: true,
    description: 'The notice drafted when the plan opens an incident (null: drafted from the incident title).',
  })
  announcementTemplate(@Root() plan: EmergencyPlan): AnnouncementTemplateType | null {
    return plan.announcementTemplate;
  }
}
