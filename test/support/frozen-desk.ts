import net, { type Socket } from 'node:net';
import WebSocket from 'ws';

export interface FrozenDesk {
  /** graphql-transport-ws messages received before freeze() (connection_ack first) */
  received: Array<{ type: string }>;
  /** stops reading the TCP socket: the server's close frame is never read, so never answered */
  freeze(): void;
  /** frees the test's side of the socket */
  destroy(): void;
}

/**
 * A monitoring desk that stops answering (a laptop asleep, a dead network path): a real
 * graphql-ws (graphql-transport-ws) client on a real socket that signs in with a token,
 * subscribes, and then never reads again.
 */
export async function connectFrozenDesk(graphqlUrl: string, token: string, query: string): Promise<FrozenDesk> {
  const ws = new WebSocket(graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  let socket: Socket | undefined;
  ws.once('upgrade', (response) => (socket = response.socket as Socket));
  const received: Array<{ type: string }> = [];
  ws.on('message', (data) => received.push(JSON.parse(String(data)) as { type: string }));
  ws.on('error', () => undefined); // the server ends the connection at shutdown; that is the point
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  const deadline = Date.now() + 10_000;
  while (!received.some((m) => m.type === 'connection_ack')) {
    if (ws.readyState !== WebSocket.OPEN) throw new Error(`the server refused the desk: ${JSON.stringify(received)}`);
    if (Date.now() > deadline) throw new Error('no connection_ack within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
  return {
    received,
    freeze() {
      if (!socket) throw new Error('no socket to freeze');
      socket.pause();
    },
    destroy() {
      socket?.destroy();
    },
  };
}

/**
 * An HTTP/1.1 keep-alive client that stops answering: one real request on a real socket, the
 * response read, then the socket is never read nor closed again (the server's FIN goes unanswered).
 */
export async function connectFrozenHttpClient(port: number): Promise<{ destroy(): void }> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined); // the server destroys it at shutdown; that is the point
  let response = '';
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () =>
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n'),
    );
    socket.on('data', (chunk: Buffer) => {
      response += chunk.toString();
      if (/\r\n\r\n/.test(response)) resolve();
    });
    socket.once('error', reject);
  });
  if (!/^HTTP\/1\.1 200 /.test(response) || /connection: close/i.test(response))
    throw new Error(`expected a kept-alive 200, got:\n${response}`);
  socket.pause();
  socket.removeAllListeners('data');
  return { destroy: () => socket.destroy() };
}
