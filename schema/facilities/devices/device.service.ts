import type { EntityManager } from '@mikro-orm/postgresql';
import { generateDevicePassword, hashDevicePassword } from '../../../devices/broker/credentials';
import { isValidId } from '../../../devices/contract/topic';
import { AppError } from '../../common/app-error';
import { Equipment } from '../equipment/equipment.entity';
import { Device } from './device.entity';
import { DeviceRegistry } from './device-registry';

export class DeviceService {
  constructor(private readonly registry: DeviceRegistry) {}

  /**
   * Provision (or re-provision, which rotates the password) a device on an equipment.
   * The password is returned once and stored only as a hash (test/contract-operations.graphql).
   */
  async provision(em: EntityManager, equipmentId: string, deviceId: string, intervalS?: number) {
    if (!isValidId(deviceId)) {
      throw AppError.badInput('deviceId must be 1-64 characters of A-Z a-z 0-9 _ - (devices/CONTRACT.md)', {
        deviceId,
      });
    }
    const equipment = await em.findOne(Equipment, { id: equipmentId }, { populate: ['building.site'] });
    if (!equipment) throw AppError.notFound('Equipment', equipmentId);
    const building = equipment.building.getEntity();

    let device = await em.findOne(Device, { deviceId });
    if (device && device.equipment.id !== equipment.id) {
      throw new AppError('CONFLICT', `Device ${deviceId} is already provisioned on another equipment`);
    }
    const password = generateDevicePassword();
    const passwordHash = await hashDevicePassword(password);
    if (!device) {
      device = em.create(Device, {
        deviceId,
        equipment,
        siteCode: building.site.getEntity().code,
        buildingCode: building.code,
        system: equipment.system,
        passwordHash,
        ...(intervalS ? { intervalS } : {}),
      });
    } else {
      device.passwordHash = passwordHash;
    }
    await em.flush();
    await this.registry.put(device, equipment);
    return { username: deviceId, password, device };
  }
}
