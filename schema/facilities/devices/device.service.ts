import type { EntityManager } from '@mikro-orm/postgresql';
import { generateDevicePassword, hashDevicePassword } from '../../../devices/broker/credentials';
import { isValidId } from '../../../devices/contract/topic';
import { AuditLog } from '../../audit/audit-log.service';
import { auditSnapshot } from '../../audit/audit-snapshot';
import { AppError } from '../../common/app-error';
import type { Caller } from '../../context';
import { Equipment } from '../equipment/equipment.entity';
import { Device } from './device.entity';
import { DeviceRegistry } from './device-registry';

export class DeviceService {
  constructor(
    private readonly registry: DeviceRegistry,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Provision (or re-provision, which rotates the password) a device on an equipment.
   * The password is returned once and stored only as a hash (test/contract-operations.graphql).
   * The device and its audit row are one transaction; the broker learns of it after the commit.
   */
  async provision(em: EntityManager, caller: Caller, equipmentId: string, deviceId: string, intervalS?: number) {
    if (!isValidId(deviceId)) {
      throw AppError.badInput('deviceId must be 1-64 characters of A-Z a-z 0-9 _ - (devices/CONTRACT.md)', {
        deviceId,
      });
    }
    const password = generateDevicePassword();
    const passwordHash = await hashDevicePassword(password);
    const { device, equipment } = await em.transactional(async (tx) => {
      const equipment = await tx.findOne(Equipment, { id: equipmentId }, { populate: ['building.site'] });
      if (!equipment) throw AppError.notFound('Equipment', equipmentId);
      const building = equipment.building.getEntity();

      const existing = await tx.findOne(Device, { deviceId });
      if (existing && existing.equipment.id !== equipment.id) {
        throw new AppError('CONFLICT', `Device ${deviceId} is already provisioned on another equipment`);
      }
      const before = existing ? auditSnapshot(existing) : null;
      const device =
        existing ??
        tx.create(Device, {
          deviceId,
          equipment,
          siteCode: building.site.getEntity().code,
          buildingCode: building.code,
          system: equipment.system,
          passwordHash,
          ...(intervalS ? { intervalS } : {}),
        });
      device.passwordHash = passwordHash;
      await tx.flush();
      // the password hash is never in a snapshot; a re-provisioning is a new password (and version)
      this.audit.record(tx, caller, {
        action: existing ? 'device.reprovision' : 'device.provision',
        entityType: 'Device',
        entityId: device.id,
        before,
        after: auditSnapshot(device),
      });
      return { device, equipment };
    });
    await this.registry.put(device, equipment);
    return { username: deviceId, password, device };
  }
}
