/**
 * A closed-loop load: `connections` loops in this process, each sending its next request as soon as the last one is
 * answered (body read), over the target's API processes in turn; every request's latency kept, so the line gives
 * p50, p95 and p99 (nearest rank) and the rate. Ends when `next` has no more requests or after `durationMs`.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface Call {
  method?: 'GET' | 'POST';
  path: string;
  token: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Load {
  requests: number;
  failed: number;
  /** Answers other than 2xx, by status (0: no answer). */
  statuses: Record<number, number>;
  seconds: number;
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The first failure's answer, to say why. */
  firstFailure?: string;
}

export async function runLoad(
  bases: string[],
  connections: number,
  next: (i: number) => Call | undefined,
  { durationMs = Infinity, timeoutMs = 60_000 }: { durationMs?: number; timeoutMs?: number } = {},
): Promise<Load> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let firstFailure: string | undefined;
  let counter = 0;
  const began = performance.now();
  const loop = async () => {
    for (;;) {
      if (performance.now() - began >= durationMs) return;
      const i = counter++;
      const call = next(i);
      if (!call) return;
      const sent = performance.now();
      let status = 0;
      try {
        const response = await fetch(`${bases[i % bases.length]}${call.path}`, {
          method: call.method ?? 'GET',
          headers: {
            authorization: `Bearer ${call.token}`,
            ...(call.body !== undefined && { 'content-type': 'application/json' }),
            ...call.headers,
          },
          ...(call.body !== undefined && { body: JSON.stringify(call.body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        status = response.status;
        if (!response.ok) firstFailure ??= `${status} ${text.slice(0, 300)}`;
      } catch (error) {
        status = 0;
        firstFailure ??= String(error);
      }
      latencies.push(performance.now() - sent);
      if (status < 200 || status >= 300) statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const rank = (p: number) => Math.round(latencies[Math.max(0, Math.ceil(p * latencies.length) - 1)] ?? 0);
  return {
    requests: latencies.length,
    failed: Object.values(statuses).reduce((sum, n) => sum + n, 0),
    statuses,
    seconds,
    rate: latencies.length / seconds,
    p50: rank(0.5),
    p95: rank(0.95),
    p99: rank(0.99),
    max: Math.round(latencies[latencies.length - 1] ?? 0),
    ...(firstFailure !== undefined && { firstFailure }),
  };
}

export function loadLine(label: string, load: Load, connections: number): string {
  const failures = Object.entries(load.statuses)
    .map(([status, n]) => `${n}× ${status === '0' ? 'no answer' : status}`)
    .join(', ');
  return (
    `${label}: ${load.rate.toFixed(1)} req/s, p50 ${load.p50} ms, p95 ${load.p95} ms, p99 ${load.p99} ms, ` +
    `max ${load.max} ms at ${connections} connections (${load.requests} requests in ${load.seconds.toFixed(1)} s` +
    `${load.failed > 0 ? `; ${load.failed} failed: ${failures}; the first: ${load.firstFailure}` : ''})`
  );
}

/** A set-up call (not measured): a 503 or 504 on a loaded machine is retried with the same Idempotency-Key. */
export async function apiCall<T>(base: string, method: string, url: string, token: string | null, body?: unknown) {
  const key = crypto.randomUUID();
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(token && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(method === 'POST' && token && { 'idempotency-key': key }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (response.ok) return (await response.json()) as T;
    if ((response.status !== 504 && response.status !== 503) || attempt === 5)
      throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    await sleep(1_000);
  }
}

export async function login(base: string, username: string, password = `DiaBan@${username}`) {
  return await apiCall<{ token: string; user: { id: string; actorId: string } }>(base, 'POST', '/auth/login', null, {
    username,
    password,
  });
}
