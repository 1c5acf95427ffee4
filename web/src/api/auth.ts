import { api, setCsrfToken } from "./client";
import type { Session } from "./types";

export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>("/api/auth/me");
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof Error && "status" in error && error.status === 401) return null;
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<Session> {
  const session = await api.post<Session>("/api/auth/login", { email, password });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function runSetup(body: { email: string; password: string; name: string }): Promise<Session> {
  const session = await api.post<Session>("/api/setup", body);
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  await api.post("/api/auth/logout");
  setCsrfToken("");
}

export const setupNeeded = () => api.get<{ needed: boolean }>("/api/setup");
