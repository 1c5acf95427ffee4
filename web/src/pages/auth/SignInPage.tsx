import { Button, Divider, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useSearchParams } from "react-router-dom";
import { expectSession, signInProviders, signIn, useSetupNeeded } from "../../api/auth";
import { ApiError } from "../../api/client";
import { returnPath } from "../../lib/returnPath";
import { ErrorAlert, WordedError } from "../../components/ErrorAlert";
import { AuthCard } from "./AuthCard";
import { useSessionSubmit } from "./useSessionSubmit";

export default function SignInPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const setup = useSetupNeeded();
  const providers = useQuery({ queryKey: ["auth-providers"], queryFn: signInProviders });
  const [searchParams] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // The OpenID Connect callback sends a refused sign-in back here with ?error=<code>.
  const providerError = searchParams.get("error");
  const { error, busy, submit } = useSessionSubmit(() =>
    providerError?.startsWith("oidc_")
      ? new WordedError(t(`auth.oidcErrors.${providerError}`, { defaultValue: t("auth.oidcErrors.oidc_failed") }))
      : null,
  );

  if (setup.data?.needed) return <Navigate to="/setup" replace />;

  // The form's own 401 means the email or password did not match; the generic text ("sign in") would say nothing.
  const signInWithForm = () =>
    signIn(email, password).catch((error: unknown) => {
      throw error instanceof ApiError && error.code === "unauthenticated"
        ? new WordedError(t("auth.wrongCredentials"))
        : error;
    });

  const from = returnPath(location.state);
  const oidc = providers.data?.oidc;
  const oidcHref = oidc && `${oidc.startUrl}?returnTo=${encodeURIComponent(from)}`;

  return (
    <AuthCard title={t("auth.signInTitle")}>
      <form onSubmit={submit(signInWithForm, from)}>
        <Stack>
          <ErrorAlert error={error} />
          <TextInput
            label={t("fields.email")}
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label={t("fields.password")}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={busy}>
            {t("auth.signIn")}
          </Button>
          {oidc && oidcHref && (
            <>
              <Divider label={t("auth.or")} labelPosition="center" />
              {/* A full page load: the provider's pages are not part of this app. */}
              <Button component="a" href={oidcHref} variant="default" onClick={expectSession}>
                {t("auth.signInWith", { name: oidc.name })}
              </Button>
            </>
          )}
        </Stack>
      </form>
    </AuthCard>
  );
}
