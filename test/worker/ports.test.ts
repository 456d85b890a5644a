import { readFileSync } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { choosableRange, freePort, listenError } from '../../worker/ports';

describe('the ports npm start chooses for itself and tests choose for it', () => {
  it('are below the kernel ephemeral range, where nothing takes a port without asking for it', async () => {
    const { from, to } = choosableRange();
    const [ephemeralFrom] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    expect(to).toBeLessThanOrEqual(ephemeralFrom!);
    for (let i = 0; i < 20; i++) {
      const port = await freePort();
      expect(port).toBeGreaterThanOrEqual(from);
      expect(port).toBeLessThan(to);
    }
  });

  it('use the whole unprivileged range when the ephemeral one leaves no room below it', () => {
    expect(choosableRange({ from: 32_768, to: 61_000 })).toEqual({ from: 10_000, to: 32_768 });
    expect(choosableRange({ from: 1_024, to: 65_536 })).toEqual({ from: 1_024, to: 65_536 });
  });

  it('skip a port in use and the ports to avoid', async () => {
    const holder = net.createServer();
    const held = await freePort();
    await new Promise<void>((resolve) => holder.listen({ port: held, host: '127.0.0.1' }, resolve));
    try {
      expect(await listenError(held)).toBe('EADDRINUSE');
      const { from, to } = choosableRange();
      const everyOther = Array.from({ length: to - from }, (_, i) => from + i).filter((port) => port !== held);
      await expect(freePort('127.0.0.1', everyOther)).rejects.toThrow(/no free port on 127.0.0.1/);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
