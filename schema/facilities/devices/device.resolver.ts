import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { topicFor } from '../../../devices/contract/topic';
import type { DeviceAddress } from '../../../devices/contract/types';
import type { RequestContext } from '../../context';
import { LEDGER_EDITORS } from '../../staff/role.enum';
import { Equipment } from '../equipment/equipment.entity';
import { Device } from './device.entity';
import { DeviceService } from './device.service';

@ObjectType({ description: 'Credentials of a newly provisioned device: the password is shown this once.' })
export class ProvisionedDevice {
  @Field()
  username!: string;

  @Field()
  password!: string;

  @Field(() => Device)
  device!: Device;
}

@Resolver(() => Device)
export class DeviceResolver {
  constructor(private readonly devices: DeviceService) {}

  /** test/contract-operations.graphql `ProvisionDevice`; a new password each call (re-provisioning rotates it). */
  @Authorized(LEDGER_EDITORS)
  @Mutation(() => ProvisionedDevice)
  provisionDevice(
    @Arg('equipmentId', () => ID) equipmentId: string,
    @Arg('deviceId') deviceId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ProvisionedDevice> {
    return this.devices.provision(ctx.em, ctx.caller!, equipmentId, deviceId);
  }

  @FieldResolver(() => String)
  telemetryTopic(@Root() device: Device): string {
    return topicFor(addressOf(device), 'telemetry');
  }

  @FieldResolver(() => String)
  statusTopic(@Root() device: Device): string {
    return topicFor(addressOf(device), 'status');
  }

  @FieldResolver(() => String)
  eventTopic(@Root() device: Device): string {
    return topicFor(addressOf(device), 'event');
  }

  @FieldResolver(() => Equipment)
  equipment(@Root() device: Device, @Ctx() ctx: RequestContext): Equipment | Promise<Equipment> {
    return ctx.loaders.load(Equipment, device.equipment);
  }
}

export function addressOf(device: Device): DeviceAddress {
  return { site: device.siteCode, building: device.buildingCode, system: device.system, device: device.deviceId };
}
