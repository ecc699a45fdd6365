import { Arg, Authorized, Ctx, Field, Float, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { AppError } from '../../common/app-error';
import type { RequestContext } from '../../context';
import { Equipment } from '../../facilities/equipment/equipment.entity';
import { TelemetryQueryInputError, type TelemetryQuery } from '../../../devices/telemetry/telemetry-query';

@ObjectType({ description: 'One telemetry value: a reading, or the mean over an interval.' })
export class TelemetryPoint {
  @Field()
  ts!: Date;

  @Field(() => Float)
  value!: number;
}

/** Reads InfluxDB (devices/telemetry); injected so the schema knows no transport. */
export type TelemetryReader = (query: TelemetryQuery) => Promise<Array<{ ts: Date; value: number }>>;

const MAX_RANGE_MS = 400 * 24 * 3600_000;

@Resolver()
export class TelemetryResolver {
  constructor(private readonly read: TelemetryReader) {}

  /** test/contract-operations.graphql `Telemetry`: `every` is an InfluxQL duration; points are the mean per interval. */
  @Authorized()
  @Query(() => [TelemetryPoint])
  async telemetry(
    @Arg('equipmentId', () => ID) equipmentId: string,
    @Arg('metric') metric: string,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Ctx() ctx: RequestContext,
    @Arg('every', () => String, { nullable: true }) every?: string | null,
  ): Promise<TelemetryPoint[]> {
    if (from.getTime() >= to.getTime()) throw AppError.badInput('from must be before to');
    if (to.getTime() - from.getTime() > MAX_RANGE_MS) throw AppError.badInput('the range must be at most 400 days');
    const exists = await ctx.em.count(Equipment, { id: equipmentId });
    if (!exists) throw AppError.notFound('Equipment', equipmentId);
    try {
      return await this.read({ equipmentId, metric, from, to, ...(every ? { every } : {}) });
    } catch (error) {
      // the query's own checks (metric name, `every` duration) say what is wrong with the input
      if (error instanceof TelemetryQueryInputError) throw AppError.badInput(error.message);
      throw new AppError('UNAVAILABLE', 'Telemetry is unavailable right now: InfluxDB did not answer');
    }
  }
}
