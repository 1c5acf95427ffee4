import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import type { Session } from "../../api/types";
import { useAuth } from "../../auth/AuthContext";

/**
 * The submit of a form that starts a session (signing in, setting up the first administrator): busy while the
 * server answers, its refusal kept for the form to show, and on success the session held and the user sent on.
 */
export function useSessionSubmit(initialError: () => unknown = () => null) {
  const { setSession } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(initialError);
  const [busy, setBusy] = useState(false);

  const run = async (start: () => Promise<Session>, to: string) => {
    setBusy(true);
    setError(null);
    try {
      setSession(await start());
      void navigate(to, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  /** The form's onSubmit: starts the session with `start`, then goes to `to`. */
  const submit = (start: () => Promise<Session>, to: string) => (event: FormEvent) => {
    event.preventDefault();
    void run(start, to);
  };
  return { error, busy, submit };
}
