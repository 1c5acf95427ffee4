import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./styles.css";
import "./i18n";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { forgetSession } from "./api/auth";
import { ApiError } from "./api/client";
import { App } from "./App";
import { AuthProvider } from "./auth/AuthContext";
import { cssVariablesResolver, docketTheme } from "./theme";

const queryClient: QueryClient = new QueryClient({
  // A 401 in the middle of work means the session ended (expired, signed out elsewhere): back to the sign-in form.
  queryCache: new QueryCache({
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) {
        forgetSession();
        queryClient.setQueryData(["session"], null);
      }
    },
  }),
  defaultOptions: {
    queries: {
      // 4xx answers will not change on a retry; only network trouble and 5xx are worth another try.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

function ThemeProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation(); // a new t on every language change
  const theme = useMemo(
    () => docketTheme({ close: t("common.closeDialog"), pickColour: t("settings.pickColour") }),
    [t],
  );
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ThemeProvider>
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AuthProvider>
            <App />
          </AuthProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </ThemeProvider>
  </StrictMode>,
);
