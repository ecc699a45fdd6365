import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hashDevicePassword } from '../devices/broker/credentials';
import { renderAclFile, renderPasswordFile, writeMosquittoAuth } from '../devices/broker/mosquitto-files';
import { type Log, errorFields } from '../devices/log';
import type { DeviceRegistry, RegisteredDevice } from '../schema/facilities/devices/device-registry';
import type { Config } from './config';
import { brokerPolicy } from './broker-policy';
import { startEmbeddedBroker } from './embedded/mqtt-broker';

export interface MqttAccess {
  /** where ingest connects, and as whom */
  url: string;
  username: string;
  password: string;
  /** the URL devices use */
  publicUrl: string;
  /** embedded broker only: its messages in-process, without an MQTT session (see EmbeddedBroker) */
  onClientPublish?: (prefix: string, listener: (topic: string, payload: Buffer) => void) => () => void;
  /** embedded broker only: stop acknowledging client publishes before ingest lets go (EmbeddedBroker) */
  refuseClients?: () => Promise<void>;
  stop(): Promise<void>;
}

const INGEST_USER = 'fd-ingest';

/**
 * The broker and the ingest service's credentials to it:
 * - embedded (no MQTT_URL): aedes, authenticating devices from the registry;
 * - MQTT_URL with MOSQUITTO_AUTH_DIR: mosquitto, whose password and ACL files are written
 *   from the registry (now and after every provisioning) and reloaded with SIGHUP;
 * - MQTT_URL alone: a broker managed elsewhere; its credentials come in the URL.
 */
export async function provideMqtt(config: Config, registry: DeviceRegistry, log: Log): Promise<MqttAccess> {
  if (!config.mqttUrl) {
    const password = randomBytes(24).toString('base64url');
    const broker = await startEmbeddedBroker({
      host: config.host,
      port: config.mqttPort,
      policy: brokerPolicy(registry, new Map([[INGEST_USER, password]])),
      log: (level, message) => log[level](message),
    });
    return {
      url: broker.url,
      username: INGEST_USER,
      password,
      publicUrl: broker.url,
      onClientPublish: broker.onClientPublish,
      refuseClients: broker.refuseClients,
      stop: () => broker.stop(),
    };
  }
  const url = new URL(config.mqttUrl);
  const username = decodeURIComponent(url.username) || INGEST_USER;
  const password = decodeURIComponent(url.password) || randomBytes(24).toString('base64url');
  url.username = '';
  url.password = '';
  if (config.mosquittoAuthDir) {
    const dir = config.mosquittoAuthDir;
    const fileAccess = mosquittoReadable();
    const ingest = { username, passwordHash: await hashDevicePassword(password) };
    const sync = async (devices: RegisteredDevice[]) => {
      const passwd = renderPasswordFile([
        ingest,
        ...devices.map((d) => ({ username: d.device, passwordHash: d.passwordHash })),
      ]);
      await writeMosquittoAuth(
        dir,
        { passwd, acl: renderAclFile(devices, [username]) },
        config.mosquittoPidFile,
        fileAccess,
      );
    };
    await sync([...registry.all()]);
    registry.onChange((devices) =>
      sync(devices).catch((error) => log.error('could not update mosquitto password/ACL files', errorFields(error))),
    );
  }
  return { url: url.toString(), username, password, publicUrl: url.toString(), stop: async () => undefined };
}

/**
 * mosquitto started as root drops to the `mosquitto` user before it reads password_file and
 * acl_file, so the files (password hashes) are group-readable by its group: 0640, group
 * mosquitto. Without such a group (mosquitto runs as our user), they stay 0600.
 */
function mosquittoReadable(): { mode: number; gid?: number } {
  try {
    const line = readFileSync('/etc/group', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('mosquitto:'));
    const gid = line ? Number(line.split(':')[2]) : NaN;
    return Number.isInteger(gid) ? { mode: 0o640, gid } : { mode: 0o600 };
  } catch {
    return { mode: 0o600 };
  }
}
