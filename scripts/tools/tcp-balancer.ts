/**
 * A TCP balancer in front of the Temporal frontends of the local cluster (the part a production load balancer plays):
 * each new connection goes to the next frontend that accepts it, so when a node dies its clients' connections drop
 * and reconnect to a live one. gRPC's connections are long-lived; the SDK reconnects on its own.
 */
import net from 'node:net';

export interface TcpBalancer {
  address: string;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 1_000;

export async function startTcpBalancer(backends: string[], host = '127.0.0.1', port = 0): Promise<TcpBalancer> {
  let next = 0;
  const sockets = new Set<net.Socket>();
  const connectTo = (backend: string) =>
    new Promise<net.Socket>((resolve, reject) => {
      const [backendHost, backendPort] = splitHostPort(backend);
      const socket = net.connect({ host: backendHost, port: backendPort });
      const timer = setTimeout(() => socket.destroy(new Error('connect timeout')), CONNECT_TIMEOUT_MS);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(socket);
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });

  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    void (async () => {
      const first = next++ % backends.length;
      for (let i = 0; i < backends.length; i++) {
        const backend = backends[(first + i) % backends.length]!;
        let upstream: net.Socket;
        try {
          upstream = await connectTo(backend);
        } catch {
          continue;
        }
        if (client.destroyed) return upstream.destroy();
        sockets.add(upstream);
        upstream.on('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        upstream.on('error', () => upstream.destroy());
        client.on('close', () => upstream.destroy());
        upstream.pipe(client);
        client.pipe(upstream);
        client.resume();
        return;
      }
      client.destroy();
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as net.AddressInfo).port;
  return {
    address: `${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function splitHostPort(address: string): [string, number] {
  const at = address.lastIndexOf(':');
  return [address.slice(0, at), Number(address.slice(at + 1))];
}
