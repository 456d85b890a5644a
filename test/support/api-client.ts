/**
 * A client for the HTTP API over real HTTP: the server listens on a free local port on first use, requests go
 * through fetch. Logs seeded users in once and sends their bearer token. Seeded logins (prisma/seed.ts) have the
 * password DiaBan@<username> outside production.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

export const SEEDED_USERS = {
  head: 'ld01', // HEAD_OF_BOARD, BOARD_LEADER
  leader: 'ld02', // BOARD_LEADER
  departmentHead: 'cb011', // DEPARTMENT_HEAD (BVCTNB: cb011 to cb015), OFFICIAL
  /** The official's (cb003's) department head: a department head proposes for their own officials only. */
  officialsHead: 'cb001', // DEPARTMENT_HEAD (TCDDV: cb001 to cb005), GROUP_LEADER of group-01, OFFICIAL
  official: 'cb003', // OFFICIAL
  auditor: 'cb014', // OFFICIAL, AUDITOR
  admin: 'admin',
  committee: 'diaban-vinh', // AREA_COMMITTEE of area-na-vinh
} as const;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiError {
  code: string;
  message: string;
  [key: string]: unknown;
}

/** What a test reads of a response; fastify's inject responses have the same shape. */
export interface ApiResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  json<T = unknown>(): T;
}

export function apiClient(app: FastifyInstance) {
  const tokens = new Map<string, string>();
  let listening: Promise<string> | undefined;
  const baseUrl = () => (listening ??= app.listen({ host: '127.0.0.1', port: 0 }));

  async function send(
    method: Method,
    url: string,
    headers: Record<string, string>,
    payload?: unknown,
  ): Promise<ApiResponse> {
    const response = await fetch(`${await baseUrl()}${url}`, {
      method,
      headers: { ...(payload !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(payload !== undefined && { body: JSON.stringify(payload) }),
    });
    const body = await response.text();
    return {
      statusCode: response.status,
      headers: Object.fromEntries(response.headers),
      body,
      json: <T>() => JSON.parse(body) as T,
    };
  }

  const login = (username: string, password = `DiaBan@${username}`): Promise<ApiResponse> =>
    send('POST', '/auth/login', {}, { username, password });

  async function tokenOf(username: string): Promise<string> {
    let token = tokens.get(username);
    if (!token) {
      const response = await login(username);
      expect(response.statusCode, response.body).toBe(200);
      token = response.json<{ token: string }>().token;
      tokens.set(username, token);
    }
    return token;
  }

  async function call(
    method: Method,
    url: string,
    username: string | null,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> {
    const auth: Record<string, string> = username ? { authorization: `Bearer ${await tokenOf(username)}` } : {};
    return send(method, url, { ...auth, ...headers }, payload);
  }

  return { login, tokenOf, call };
}

export const errorOf = (response: Pick<ApiResponse, 'json'>): ApiError => response.json<{ error: ApiError }>().error;
