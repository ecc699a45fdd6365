import WebSocket from 'ws';

/**
 * A raw graphql-transport-ws connection, signed in with `token` and acknowledged, for tests of
 * how the server closes it; `closed` resolves with the close code and reason (an object, so
 * awaiting the helper does not wait for the close). Rejects when closed before the ack.
 */
export async function openAcknowledgedSocket(
  graphqlUrl: string,
  token: string,
): Promise<{ closed: Promise<{ code: number; reason: string }> }> {
  const socket = new WebSocket(graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    socket.on('message', (data) => {
      if (JSON.parse(data.toString()).type === 'connection_ack') resolve();
    });
    socket.once('close', (code) => reject(new Error(`closed with ${code} before the ack`)));
  });
  return { closed };
}
