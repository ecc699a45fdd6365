import mqtt, { type MqttClient } from 'mqtt';

/** A real MQTT device: username = client id = device id (devices/CONTRACT.md), MQTT 3.1.1 like most field devices. */
export async function connectDevice(
  url: string,
  username: string,
  password: string,
  options: Pick<mqtt.IClientOptions, 'will'> = {},
): Promise<MqttClient> {
  return mqtt.connectAsync(url, {
    clientId: username,
    username,
    password,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...options,
  });
}

/** Resolves with the CONNACK refusal, or rejects when the broker let the client in. */
export async function expectRefused(url: string, username: string, password: string): Promise<string> {
  try {
    const client = await connectDevice(url, username, password);
    await client.endAsync();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error(`${username} was let in with a wrong password`);
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
