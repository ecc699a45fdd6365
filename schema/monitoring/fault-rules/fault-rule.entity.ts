import { Entity, Enum, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { FaultRuleKind, FaultRuleSpec } from '../../../devices/faults/fault-types';
import { newId } from '../../common/ids';
import { EquipmentSystem } from '../../facilities/equipment/equipment-system.enum';
import { Severity } from '../severity.enum';

/**
 * A fault rule as editable data (devices/CONTRACT.md "Default fault rules"; kinds and fields:
 * FaultRuleSpec in devices/faults/fault-types.ts); the detector evaluates its `toSpec()` in
 * memory, so only transitions reach the database.
 */
@ObjectType()
@Entity({ tableName: 'fault_rule' })
export class FaultRule {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, {
    description: 'Optimistic-locking version: increases with every change; a stale one is CONFLICT.',
  })
  @Property({ version: true, type: 'integer' })
  version!: number & Opt;

  @Field()
  @Unique()
  @Property({ type: 'string', length: 64 })
  faultCode!: string;

  @Field(() => String, { description: '`threshold` (a condition on readings) or `event` (reported by the device)' })
  @Property({ type: 'string', length: 16, default: 'threshold' })
  kind: FaultRuleKind & Opt = 'threshold';

  @Field(() => EquipmentSystem, { nullable: true })
  @Enum({ items: () => EquipmentSystem, nativeEnumName: 'equipment_system', nullable: true })
  system: EquipmentSystem | null = null;

  @Field(() => [String])
  @Property({ type: 'json' })
  metrics!: string[];

  @Field(() => String, { nullable: true, description: 'null for event rules' })
  @Property({ type: 'string', length: 16, nullable: true })
  condition: 'above' | 'below' | 'outside' | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  low: number | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  high: number | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  clearLow: number | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  clearHigh: number | null = null;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  highFromRatedCurrent: boolean & Opt = false;

  /** with highFromRatedCurrent: clear at this share of the rating */
  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  clearRatio: number | null = null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  onDelayS: number & Opt = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  offDelayS: number & Opt = 0;

  @Field(() => Severity)
  @Enum({ items: () => Severity, nativeEnumName: 'severity' })
  severity!: Severity;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 5, nullable: true })
  seasonStart: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 5, nullable: true })
  seasonEnd: string | null = null;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  enabled: boolean & Opt = true;

  toSpec(): FaultRuleSpec {
    return {
      faultCode: this.faultCode,
      kind: this.kind,
      system: this.system,
      metrics: this.metrics,
      condition: this.condition,
      low: this.low,
      high: this.high,
      clearLow: this.clearLow,
      clearHigh: this.clearHigh,
      highFromRatedCurrent: this.highFromRatedCurrent,
      ...(this.clearRatio !== null ? { clearRatio: this.clearRatio } : {}),
      onDelayS: this.onDelayS,
      offDelayS: this.offDelayS,
      severity: this.severity,
      seasonStart: this.seasonStart,
      seasonEnd: this.seasonEnd,
      enabled: this.enabled,
    };
  }
}
