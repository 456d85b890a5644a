/**
 * The HTTP API, same origin: bearer token from the session, JSON in and out, and the API's error body
 * (`{ error: { code, message, issues?, allowedEvents?, rule? } }`) turned into an ApiError the pages can show.
 */
import type { Page } from '../../contracts/page';

export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
  get allowedEvents(): string[] | undefined {
    return Array.isArray(this.details.allowedEvents) ? (this.details.allowedEvents as string[]) : undefined;
  }
  get rule(): string | undefined {
    return typeof this.details.rule === 'string' ? this.details.rule : undefined;
  }
}

const TOKEN_KEY = 'diaban.session';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  actorId: string;
  areaId: string | null;
  /** A one-time password (set by an administrator) is in force: the app asks for the user's own before anything. */
  mustChangePassword?: boolean;
}

export interface StoredSession {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export function loadSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(TOKEN_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as StoredSession;
    return Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function storeSession(session: StoredSession | null): void {
  if (session) localStorage.setItem(TOKEN_KEY, JSON.stringify(session));
  else localStorage.removeItem(TOKEN_KEY);
}

/** Called when the API answers 401 to a logged-in request: the session is over. */
let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's page, an empty body): the status says enough.
  }
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (error && typeof error === 'object') {
    const { code, message, issues, ...details } = error;
    return new ApiError(
      response.status,
      typeof code === 'string' ? code : `HTTP_${response.status}`,
      typeof message === 'string' ? message : response.statusText,
      Array.isArray(issues) ? (issues as ApiIssue[]) : [],
      details,
    );
  }
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
}

export async function apiFetch(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const session = loadSession();
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (session) headers.authorization = `Bearer ${session.token}`;
  // A form carries a file as multipart/form-data, its boundary set by the browser.
  const form = init.body instanceof FormData;
  if (init.body !== undefined && !form) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : form ? (init.body as FormData) : JSON.stringify(init.body),
    });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && session) onUnauthenticated();
    throw error;
  }
  return response;
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await apiFetch(path, init);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const post = <T>(path: string, body: unknown = {}, headers?: Record<string, string>) =>
  api<T>(path, { method: 'POST', body, headers });

/** A query string from the defined values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

export type { Page };

/** Every page of a list endpoint, up to `max` items. */
export async function allPages<T>(
  path: string,
  params: Record<string, string | number | undefined> = {},
  max = 500,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await api<Page<T>>(`${path}${qs({ ...params, limit: 100, cursor: cursor ?? undefined })}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}
