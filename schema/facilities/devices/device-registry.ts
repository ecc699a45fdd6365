import type { MikroORM } from '@mikro-orm/postgresql';
import type { DeviceDirectory } from '../../../devices/ingest/device-directory';
import type { KnownDevice } from '../../../devices/contract/types';
import { Device } from './device.entity';
import { Equipment } from '../equipment/equipment.entity';

export interface RegisteredDevice extends KnownDevice {
  passwordHash: string;
}

/**
 * Every provisioned device in memory, so the broker's authentication and ingest never
 * touch PostgreSQL per message (keep the database off the per-message path).
 * Loaded at start; provisioning updates it and tells the listeners (e.g. mosquitto's files).
 */
export class DeviceRegistry implements DeviceDirectory {
  private readonly byDeviceId = new Map<string, RegisteredDevice>();
  private readonly listeners: Array<(devices: RegisteredDevice[]) => void | Promise<void>> = [];

  constructor(private readonly orm: MikroORM) {}

  async reload(): Promise<void> {
    const em = this.orm.em.fork();
    const devices = await em.find(Device, {}, { populate: ['equipment'] });
    this.byDeviceId.clear();
    for (const device of devices)
      this.byDeviceId.set(device.deviceId, toRegistered(device, device.equipment.getEntity()));
    await this.notify();
  }

  get(deviceId: string): RegisteredDevice | undefined {
    return this.byDeviceId.get(deviceId);
  }

  all(): Iterable<RegisteredDevice> {
    return this.byDeviceId.values();
  }

  async put(device: Device, equipment: Equipment): Promise<void> {
    this.byDeviceId.set(device.deviceId, toRegistered(device, equipment));
    await this.notify();
  }

  /** Called with every device after each change (for files that list them all). */
  onChange(listener: (devices: RegisteredDevice[]) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  private async notify(): Promise<void> {
    const devices = [...this.byDeviceId.values()];
    for (const listener of this.listeners) await listener(devices);
  }
}

function toRegistered(device: Device, equipment: Equipment): RegisteredDevice {
  return {
    site: device.siteCode,
    building: device.buildingCode,
    system: device.system,
    device: device.deviceId,
    equipmentId: equipment.id,
    equipmentCode: equipment.code,
    intervalS: device.intervalS,
    ratedCurrentA: equipment.ratedCurrentA,
    passwordHash: device.passwordHash,
  };
}
