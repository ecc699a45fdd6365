import net from 'node:net';

/** Ports this process has handed out: never handed out twice (two platforms started together). */
const handedOut = new Set<number>();

/** A TCP port free on 127.0.0.1 right now (the OS picks it), not handed out before by this process. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await osPickedPort();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error('no fresh free port on 127.0.0.1 in 50 tries');
}

/**
 * Two consecutive free ports, for a local influxd, which takes INFLUX_PORT and INFLUX_PORT + 1
 * (RPC): both checked free and neither handed out before by this process.
 */
export async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await osPickedPort();
    if (port >= 65535 || handedOut.has(port) || handedOut.has(port + 1)) continue;
    if (!(await canListen(port + 1))) continue;
    handedOut.add(port);
    handedOut.add(port + 1);
    return port;
  }
  throw new Error('no two consecutive free ports on 127.0.0.1 in 50 tries');
}

function osPickedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
