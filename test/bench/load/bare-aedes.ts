import net from 'node:net';
import { Aedes } from 'aedes';

/**
 * A bare aedes 1.2.0 on 127.0.0.1:`port`: no authentication, no ACL, default in-memory
 * persistence — what the platform's embedded broker is without the platform around it. The
 * ceilings' brokers (bare-broker.ts, bare-broker-inprocess.ts) differ only in what they do
 * with the broker. Returns its URL and how to stop it.
 */
export async function listenBareAedes(
  port: number,
  withBroker: (broker: Aedes) => void = () => undefined,
): Promise<{ url: string; stop(): Promise<void> }> {
  const broker = await Aedes.createBroker();
  withBroker(broker);
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `mqtt://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
