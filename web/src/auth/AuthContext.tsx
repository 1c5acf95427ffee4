import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useMemo, type ReactNode } from "react";
import { useNavigate } from "react-router-dom";
import { fetchSession, signOut } from "../api/auth";
import type { Session, User } from "../api/types";

interface AuthValue {
  user: User | null;
  loading: boolean;
  isAdmin: boolean;
  /** The office's time zone (DOCKET_TZ), in which numbers and folders are dated. */
  timeZone: string;
  setSession: (session: Session) => void;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const session = useQuery({ queryKey: ["session"], queryFn: fetchSession, staleTime: Infinity, retry: false });
  const setSession = useCallback((value: Session) => client.setQueryData(["session"], value), [client]);
  const navigate = useNavigate();
  const logout = useCallback(async () => {
    await client.cancelQueries();
    await signOut();
    // The session query is set (not removed): its observer re-renders the app signed out at once. Everything else the
    // user saw is dropped, so no page of theirs can come back from the cache.
    client.setQueryData(["session"], null);
    void navigate("/login", { replace: true });
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== "session" });
  }, [client, navigate]);
  const user = session.data?.user ?? null;
  const timeZone = session.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const value = useMemo(
    () => ({ user, loading: session.isPending, isAdmin: user?.role === "admin", timeZone, setSession, logout }),
    [user, session.isPending, timeZone, setSession, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside AuthProvider");
  return value;
}
