import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useMemo, type ReactNode } from "react";
import { fetchSession, signOut } from "../api/auth";
import type { Session, User } from "../api/types";

interface AuthValue {
  user: User | null;
  loading: boolean;
  isAdmin: boolean;
  setSession: (session: Session) => void;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const session = useQuery({ queryKey: ["session"], queryFn: fetchSession, staleTime: Infinity, retry: false });
  const setSession = useCallback((value: Session) => client.setQueryData(["session"], value), [client]);
  const logout = useCallback(async () => {
    await signOut();
    client.clear();
    client.setQueryData(["session"], null);
  }, [client]);
  const user = session.data?.user ?? null;
  const value = useMemo(
    () => ({ user, loading: session.isPending, isAdmin: user?.role === "admin", setSession, logout }),
    [user, session.isPending, setSession, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside AuthProvider");
  return value;
}
