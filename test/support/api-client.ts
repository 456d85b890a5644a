/**
 * An in-process client for the HTTP API (fastify inject): logs seeded users in once and sends their bearer token.
 * Seeded logins (prisma/seed.ts) have the password DiaBan@<username> outside production.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

export const SEEDED_USERS = {
  head: 'ld01', // HEAD_OF_BOARD, BOARD_LEADER
  leader: 'ld02', // BOARD_LEADER
  departmentHead: 'cb011', // DEPARTMENT_HEAD, OFFICIAL
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

export function apiClient(app: FastifyInstance) {
  const tokens = new Map<string, string>();

  const login = (username: string, password = `DiaBan@${username}`): Promise<LightMyRequestResponse> =>
    app.inject({ method: 'POST', url: '/auth/login', payload: { username, password } });

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

  async function call(method: Method, url: string, username: string | null, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const auth: Record<string, string> = username ? { authorization: `Bearer ${await tokenOf(username)}` } : {};
    return app.inject({ method, url, headers: { ...auth, ...headers }, ...(payload !== undefined && { payload: payload as object }) });
  }

  return { login, tokenOf, call };
}

export const errorOf = (response: LightMyRequestResponse): ApiError => response.json<{ error: ApiError }>().error;
