import { useQuery } from "@tanstack/react-query";
import { api, setCsrfToken } from "./client";
import type { Session } from "./types";

/**
 * Remembers (in localStorage, no secret in it) that this browser holds a session, so a signed-out visit goes
 * straight to the sign-in form instead of asking the server and logging a 401 in the console.
 */
const SIGNED_IN_HINT = "docket.signedIn";

export function forgetSession(): void {
  localStorage.removeItem(SIGNED_IN_HINT);
  setCsrfToken("");
}

function remember(session: Session): Session {
  localStorage.setItem(SIGNED_IN_HINT, "1");
  setCsrfToken(session.csrfToken);
  return session;
}

/** Before leaving for the sign-in provider: on return the session cookie is there to be checked (or is not). */
export function expectSession(): void {
  localStorage.setItem(SIGNED_IN_HINT, "1");
}

export interface SignInProviders {
  oidc: { name: string; startUrl: string } | null;
}

export const signInProviders = () => api.get<SignInProviders>("/api/auth/providers");

export async function fetchSession(): Promise<Session | null> {
  if (!localStorage.getItem(SIGNED_IN_HINT)) return null;
  try {
    return remember(await api.get<Session>("/api/auth/me"));
  } catch (error) {
    if (error instanceof Error && "status" in error && error.status === 401) {
      forgetSession();
      return null;
    }
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<Session> {
  return remember(await api.post<Session>("/api/auth/login", { email, password }));
}

export async function runSetup(body: { email: string; password: string; name: string }): Promise<Session> {
  return remember(await api.post<Session>("/api/setup", body));
}

export async function signOut(): Promise<void> {
  try {
    await api.post("/api/auth/logout");
  } finally {
    forgetSession();
  }
}

export const setupNeeded = () => api.get<{ needed: boolean }>("/api/setup");

/** Whether the first administrator is still to be set up: the sign-in and setup pages each send to the other. */
export const useSetupNeeded = () => useQuery({ queryKey: ["setup"], queryFn: setupNeeded });
