/** Ports for the services `npm start` runs beside itself, and for tests that start `npm start`. */
import { readFileSync } from 'node:fs';
import net from 'node:net';

const LOOPBACK = '127.0.0.1';
const LOWEST_CHOSEN_PORT = 10_000;
const ATTEMPTS = 100;

/** Why `host:port` can't be listened on (`EADDRINUSE`, `EADDRNOTAVAIL`, `EACCES`…), or undefined if it can right now. */
export function listenError(port: number, host = LOOPBACK): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/**
 * A port free right now, chosen below the kernel's ephemeral range. A port is chosen some seconds before its server
 * binds it; in the ephemeral range, an outgoing connection or a server asking for any port (the Temporal dev server's
 * own services) could take it in between. Below it, only another chooser could, and the choice is random.
 */
export async function freePort(host = LOOPBACK, avoid: readonly number[] = []): Promise<number> {
  const { from, to } = choosableRange();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = from + Math.floor(Math.random() * (to - from));
    if (!avoid.includes(port) && (await listenError(port, host)) === undefined) return port;
  }
  throw new Error(`no free port on ${host} between ${from} and ${to} after ${ATTEMPTS} tries`);
}

/** [from, to): below the ephemeral range when there is room for one, else the whole unprivileged range. */
export function choosableRange(ephemeral = ephemeralRange()): { from: number; to: number } {
  if (ephemeral.from - LOWEST_CHOSEN_PORT >= 1_000) return { from: LOWEST_CHOSEN_PORT, to: ephemeral.from };
  return { from: 1_024, to: 65_536 };
}

/** Linux's configured range; elsewhere the IANA range the other systems use. */
function ephemeralRange(): { from: number; to: number } {
  try {
    const [from, to] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(from) && Number.isInteger(to)) return { from: from!, to: to! + 1 };
  } catch {
    // not Linux
  }
  return { from: 49_152, to: 65_536 };
}
