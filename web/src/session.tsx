/** Who is logged in: the API's login answer, kept in localStorage until logout or expiry. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { forgetDirectory } from './directory';
import {
  api,
  loadSession,
  post,
  type SessionUser,
  setUnauthenticatedHandler,
  type StoredSession,
  storeSession,
} from './api';

interface Session {
  user: SessionUser | null;
  login(username: string, password: string): Promise<SessionUser>;
  logout(): Promise<void>;
  /** After `POST /me/password`: the new token, and the one-time password is no longer in force. */
  passwordChanged(answer: { token: string; expiresAt: string }): void;
  has(...roles: string[]): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(loadSession);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      storeSession(null);
      setSession(null);
    });
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const answer = await post<StoredSession>('/auth/login', { username, password });
    storeSession(answer);
    setSession(answer);
    return answer.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } catch {
      // Already expired or revoked: logged out all the same.
    }
    storeSession(null);
    forgetDirectory();
    setSession(null);
  }, []);

  const passwordChanged = useCallback((answer: { token: string; expiresAt: string }) => {
    setSession((current) => {
      if (!current) return current;
      const next = { ...answer, user: { ...current.user, mustChangePassword: false } };
      storeSession(next);
      return next;
    });
  }, []);

  const value = useMemo<Session>(
    () => ({
      user: session?.user ?? null,
      login,
      logout,
      passwordChanged,
      has: (...roles) => !!session && roles.some((r) => session.user.roles.includes(r)),
    }),
    [session, login, logout, passwordChanged],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

import { FILERS, LEADERSHIP } from '../../machines/roles';

export { FILERS, LEADERSHIP };

/** The page a user lands on after logging in. */
export function homeOf(user: SessionUser): string {
  const has = (role: string) => user.roles.includes(role);
  if (LEADERSHIP.some(has)) return '/inbox';
  if (has('AUDITOR')) return '/audit';
  if (has('AREA_COMMITTEE')) return '/evaluation';
  if (has('STANDING_COMMITTEE_MEMBER')) return '/commune-decisions';
  if (has('AGENCY_HEAD')) return '/agencies';
  if (has('AGENCY_LEADER')) return '/commune-filings';
  if (has('OFFICIAL') || has('GROUP_LEADER') || has('DEPARTMENT_HEAD')) return '/my';
  return '/home';
}
