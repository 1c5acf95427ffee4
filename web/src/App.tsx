import { Center, Loader } from "@mantine/core";
import { lazy, Suspense, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { useMyWork } from "./api/people";
import { useAuth } from "./auth/AuthContext";
import { AppLayout } from "./components/AppLayout";
import { returnPath } from "./lib/returnPath";

const SignInPage = lazy(() => import("./pages/auth/SignInPage"));
const SetupPage = lazy(() => import("./pages/auth/SetupPage"));
const DocumentsPage = lazy(() => import("./pages/documents/DocumentsPage"));
const DocumentPage = lazy(() => import("./pages/documents/DocumentPage"));
const CompaniesPage = lazy(() => import("./pages/companies/CompaniesPage"));
const CompanyPage = lazy(() => import("./pages/companies/CompanyPage"));
const ProcessesPage = lazy(() => import("./pages/processes/ProcessesPage"));
const KanbanPage = lazy(() => import("./pages/processes/KanbanPage"));
const AnalyticsPage = lazy(() => import("./pages/processes/analytics/AnalyticsPage"));
const ItemPage = lazy(() => import("./pages/processes/ItemPage"));
const ApprovalsPage = lazy(() => import("./pages/approvals/ApprovalsPage"));
const NotificationsPage = lazy(() => import("./pages/notifications/NotificationsPage"));
const DrivePage = lazy(() => import("./pages/drive/DrivePage"));
const UsersSettingsPage = lazy(() => import("./pages/settings/UsersSettingsPage"));
const DocumentTypesSettingsPage = lazy(() => import("./pages/settings/DocumentTypesSettingsPage"));
const ProcessesSettingsPage = lazy(() => import("./pages/settings/ProcessesSettingsPage"));
const ProcessEditorPage = lazy(() => import("./pages/settings/ProcessEditorPage"));
const DepartmentsSettingsPage = lazy(() => import("./pages/settings/DepartmentsSettingsPage"));
const CalendarSettingsPage = lazy(() => import("./pages/settings/CalendarSettingsPage"));
const AuditPage = lazy(() => import("./pages/settings/AuditPage"));
const TemplatesSettingsPage = lazy(() => import("./pages/settings/TemplatesSettingsPage"));
const MyWorkPage = lazy(() => import("./pages/work/MyWorkPage"));
const NotFoundPage = lazy(() => import("./pages/errors/NotFoundPage"));

/** People with pending work start on "My work"; everyone else on the documents registry. */
function StartPage() {
  const work = useMyWork();
  if (work.isPending) return <PageLoader />;
  const pending = (work.data?.approvals.length ?? 0) > 0 || (work.data?.items.length ?? 0) > 0;
  return <Navigate to={pending ? "/my-work" : "/documents"} replace />;
}

export function PageLoader() {
  return (
    <Center h="50vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

function RequireAdmin({ children }: { children: ReactNode }) {
  const { isAdmin } = useAuth();
  return isAdmin ? children : <Navigate to="/" replace />;
}

export function App() {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <PageLoader />;
  if (!user) {
    return (
      <Suspense fallback={<PageLoader />}>
        <Routes>
          <Route path="/setup" element={<SetupPage />} />
          <Route path="/login" element={<SignInPage />} />
          <Route
            path="*"
            element={
              <Navigate to="/login" replace state={{ from: location.pathname + location.search + location.hash }} />
            }
          />
        </Routes>
      </Suspense>
    );
  }
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<StartPage />} />
        <Route path="my-work" element={<MyWorkPage />} />
        <Route path="login" element={<Navigate to={returnPath(location.state)} replace />} />
        <Route path="setup" element={<Navigate to="/" replace />} />
        <Route path="documents" element={<DocumentsPage />} />
        <Route path="documents/:id" element={<DocumentPage />} />
        <Route path="companies" element={<CompaniesPage />} />
        <Route path="companies/:id" element={<CompanyPage />} />
        <Route path="processes" element={<ProcessesPage />} />
        <Route path="processes/:id" element={<KanbanPage />} />
        <Route path="processes/:id/analytics" element={<AnalyticsPage />} />
        <Route path="items/:id" element={<ItemPage />} />
        <Route path="approvals" element={<ApprovalsPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="drive" element={<DrivePage />} />
        <Route
          path="settings/users"
          element={
            <RequireAdmin>
              <UsersSettingsPage />
            </RequireAdmin>
          }
        />
        <Route
          path="settings/templates"
          element={
            <RequireAdmin>
              <TemplatesSettingsPage />
            </RequireAdmin>
          }
        />
        <Route
          path="settings/document-types"
          element={
            <RequireAdmin>
              <DocumentTypesSettingsPage />
            </RequireAdmin>
          }
        />
        <Route
          path="settings/processes"
          element={
            <RequireAdmin>
              <ProcessesSettingsPage />
            </RequireAdmin>
          }
        />
        <Route
          path="settings/processes/:id"
          element={
            <RequireAdmin>
              <ProcessEditorPage />
            </RequireAdmin>
          }
        />
        <Route
          path="settings/departments"
          element={
            <RequireAdmin>
              <DepartmentsSettingsPage />
            </RequireAdmin>
          }
        />
        <Route
          path="settings/calendar"
          element={
            <RequireAdmin>
              <CalendarSettingsPage />
            </RequireAdmin>
          }
        />
        <Route
          path="settings/audit"
          element={
            <RequireAdmin>
              <AuditPage />
            </RequireAdmin>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
