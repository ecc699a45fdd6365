import { OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog } from '../../audit/audit-log.service';
import { auditSnapshot } from '../../audit/audit-snapshot';
import { AppError } from '../../common/app-error';
import type { Caller } from '../../context';
import { EmergencyPlan, type AnnouncementTemplate, type PlanStep } from './emergency-plan.entity';
import {
  PLAN_LIMITS,
  type AnnouncementTemplateInput,
  type EmergencyPlanStepInput,
  type UpdateEmergencyPlanInput,
} from './emergency-plan.inputs';
import { evidenceMetricsFor } from './plan-metrics';

/**
 * Edits emergency plans (紧急预案). Plans are estate-wide: one per fault code for every site.
 * The alert path reads a plan when an alert is raised (schema/desk/work-orders/work-order.service.ts,
 * schema/incidents/incident-from-alerts.ts), so a change applies to alerts raised after it; a
 * work order or incident already open keeps the steps, deadline and text it was opened with.
 * The exception is the evidence pair: the evidence rule reads the plan when the work order is
 * verified (schema/incidents/incident-work-order.hook.ts). Nothing holds plans in memory; the
 * desk overview's cached answers show plan titles, hence `changed`.
 */
export class EmergencyPlanService {
  constructor(
    private readonly audit: AuditLog,
    /** after a committed change: answers this instance keeps that show plans (gateway/graphql/overview-cache.ts) */
    private readonly changed: () => void = () => {},
  ) {}

  /** The plan's editable fields, at the version the caller saw (stale: CONFLICT), with its audit row. */
  async update(em: EntityManager, caller: Caller, input: UpdateEmergencyPlanInput): Promise<EmergencyPlan> {
    await em.transactional(async (tx) => {
      const plan = await tx.findOne(EmergencyPlan, { id: input.id });
      if (!plan) throw AppError.notFound('EmergencyPlan', input.id);
      if (plan.version !== input.version) {
        throw AppError.conflict(`EmergencyPlan ${plan.faultCode} changed since version ${input.version}`, {
          version: plan.version,
        });
      }
      const before = auditSnapshot(plan);
      await applyChanges(tx, plan, input);
      try {
        await tx.flush(); // `where version = ?`: a change committed since the read is an OptimisticLockError
      } catch (error) {
        if (error instanceof OptimisticLockError)
          throw AppError.conflict(`EmergencyPlan ${plan.faultCode} changed meanwhile`);
        throw error;
      }
      this.audit.record(tx, caller, {
        action: 'emergencyPlan.update',
        entityType: 'EmergencyPlan',
        entityId: plan.id,
        before,
        after: auditSnapshot(plan),
      });
    });
    this.changed();
    return em.findOneOrFail(EmergencyPlan, { id: input.id }, { refresh: true });
  }
}

/** Checks every given field first, then sets them: a refused input changes nothing. */
async function applyChanges(em: EntityManager, plan: EmergencyPlan, input: UpdateEmergencyPlanInput): Promise<void> {
  for (const field of ['title', 'department', 'responseMinutes', 'steps', 'interruptsSupply'] as const) {
    if (input[field] === null) throw AppError.badInput(`${field} cannot be cleared`, { field });
  }
  const steps = input.steps ? cleanSteps(input.steps) : undefined;
  const template = input.announcementTemplate ? cleanTemplate(input.announcementTemplate) : input.announcementTemplate;
  const evidence = await checkEvidence(em, plan.faultCode, input);

  if (input.title != null) plan.title = input.title.trim();
  if (input.titleZh !== undefined) plan.titleZh = input.titleZh?.trim() || null;
  if (input.department != null) plan.department = input.department;
  if (input.responseMinutes != null) plan.responseMinutes = input.responseMinutes;
  if (steps) plan.steps = steps;
  if (input.interruptsSupply != null) plan.interruptsSupply = input.interruptsSupply;
  if (evidence) {
    plan.evidenceMetric = evidence.metric;
    plan.evidenceStableMinutes = evidence.stableMinutes;
  }
  if (template !== undefined) plan.announcementTemplate = template;
}

function cleanSteps(steps: readonly EmergencyPlanStepInput[]): PlanStep[] {
  return steps.map((step, index) => {
    const text = step.text.trim();
    const textZh = step.textZh?.trim() || null;
    const position = index + 1;
    if (!text) throw AppError.badInput(`Step ${position} has no text`, { field: 'steps', position });
    for (const value of [text, textZh]) {
      if (value && value.length > PLAN_LIMITS.stepLength) {
        throw AppError.badInput(`Step ${position} is longer than ${PLAN_LIMITS.stepLength} characters`, {
          field: 'steps',
          position,
        });
      }
    }
    return { text, textZh };
  });
}

function cleanTemplate(input: AnnouncementTemplateInput): AnnouncementTemplate {
  const limits = {
    title: PLAN_LIMITS.templateTitleLength,
    titleZh: PLAN_LIMITS.templateTitleLength,
    body: PLAN_LIMITS.templateBodyLength,
    bodyZh: PLAN_LIMITS.templateBodyLength,
  };
  const template = { title: '', titleZh: '', body: '', bodyZh: '' };
  for (const key of Object.keys(limits) as Array<keyof typeof limits>) {
    const value = input[key].trim();
    const field = `announcementTemplate.${key}`;
    if (!value) throw AppError.badInput(`${field} must not be blank`, { field });
    if (value.length > limits[key]) {
      throw AppError.badInput(`${field} is longer than ${limits[key]} characters`, { field });
    }
    template[key] = value;
  }
  return template;
}

/**
 * The evidence pair as it will be, or null when the input leaves it alone. The metric and its
 * stable period are set together and cleared together: a metric without a period (or the other
 * way round) is refused rather than completed from what the plan had.
 */
async function checkEvidence(
  em: EntityManager,
  faultCode: string,
  input: UpdateEmergencyPlanInput,
): Promise<{ metric: string | null; stableMinutes: number | null } | null> {
  const { evidenceMetric: metric, evidenceStableMinutes: stableMinutes } = input;
  if (metric === undefined && stableMinutes === undefined) return null;
  if (metric == null && stableMinutes == null) return { metric: null, stableMinutes: null };
  if (metric == null || stableMinutes == null) {
    throw AppError.badInput('evidenceMetric and evidenceStableMinutes are set together, or both null', {
      field: metric == null ? 'evidenceMetric' : 'evidenceStableMinutes',
    });
  }
  const known = await evidenceMetricsFor(em, faultCode);
  const name = metric.trim();
  if (!known.includes(name)) {
    throw AppError.badInput(
      `evidenceMetric ${name} is not a metric of ${faultCode}'s system: one of ${known.join(', ')}`,
      {
        field: 'evidenceMetric',
        known,
      },
    );
  }
  return { metric: name, stableMinutes };
}
