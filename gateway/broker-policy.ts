import { timingSafeEqual } from 'node:crypto';
import { verifyDevicePassword } from '../devices/broker/credentials';
import { canDevicePublish, canServiceSubscribe } from '../devices/broker/device-acl';
import type { DeviceRegistry } from '../schema/facilities/devices/device-registry';
import type { BrokerPolicy, MqttPrincipal } from './embedded/mqtt-broker';

/**
 * Who may use the embedded broker: provisioned devices with their own credentials
 * (username = client id = device id, devices/CONTRACT.md), and the platform's own service users
 * (ingest), whose passwords are generated at each start and never leave the process.
 */
export function brokerPolicy(registry: DeviceRegistry, serviceUsers: Map<string, string>): BrokerPolicy {
  return {
    async authenticate(clientId, username, password): Promise<MqttPrincipal | null> {
      if (!username || !password) return null;
      const servicePassword = serviceUsers.get(username);
      if (servicePassword !== undefined) {
        const given = Buffer.from(password);
        const expected = Buffer.from(servicePassword);
        return given.length === expected.length && timingSafeEqual(given, expected)
          ? { kind: 'service', username }
          : null;
      }
      const device = registry.get(username);
      // devices/CONTRACT.md: the device id is also its MQTT username and client id
      if (!device || clientId !== username) return null;
      return (await verifyDevicePassword(password.toString('utf8'), device.passwordHash))
        ? { kind: 'device', deviceId: username }
        : null;
    },
    canPublish(principal, topic) {
      if (principal.kind !== 'device') return false;
      const device = registry.get(principal.deviceId);
      return device !== undefined && canDevicePublish(device, topic);
    },
    canSubscribe(principal, filter) {
      return principal.kind === 'service' && canServiceSubscribe(filter);
    },
  };
}
