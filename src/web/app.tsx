import { Route, Routes } from "react-router-dom";
import { AppShell } from "./components/app-shell.js";
import { RequireAuth } from "./components/require-auth.js";
import { AdminLayout } from "./pages/admin/admin-layout.js";
import { AuditTab } from "./pages/admin/audit-tab.js";
import { NotificationsTab } from "./pages/admin/notifications-tab.js";
import { TokensTab } from "./pages/admin/tokens-tab.js";
import { UsersTab } from "./pages/admin/users-tab.js";
import { ChangePasswordPage } from "./pages/change-password-page.js";
import { HomePage } from "./pages/home-page.js";
import { ImportReviewPage } from "./pages/import-review-page.js";
import { ImportsPage } from "./pages/imports-page.js";
import { LoginPage } from "./pages/login-page.js";
import { NotFoundPage } from "./pages/placeholder-pages.js";
import { PlanPage } from "./pages/plan-page.js";
import { PlansPage } from "./pages/plans-page.js";
import { PublicLayout } from "./pages/public/public-layout.js";
import { PublicPlanPage } from "./pages/public/public-plan-page.js";
import { PublicPlansPage } from "./pages/public/public-plans-page.js";
import { ReportPage } from "./pages/report-page.js";
import { ReportsPage } from "./pages/reports-page.js";
import { TasksPage } from "./pages/tasks-page.js";
import { UnitPage } from "./pages/unit-page.js";
import { UnitsPage } from "./pages/units-page.js";
import { useSession } from "./session.js";

function Splash() {
  return (
    <div className="splash" role="status">
      <span className="spinner" aria-hidden="true" />
      Đang tải…
    </div>
  );
}

function BootError({ message, retry }: { message: string; retry(): void }) {
  return (
    <div className="login-screen">
      <main className="login-card">
        <h1>Chưa mở được tiendo</h1>
        <div className="alert alert-error" role="alert">
          {message}
        </div>
        <button type="button" className="button button-primary" onClick={retry}>
          Thử lại
        </button>
      </main>
    </div>
  );
}

export function App() {
  const { state, retry } = useSession();
  if (state.status === "loading") return <Splash />;
  if (state.status === "error") return <BootError message={state.message} retry={retry} />;
  return (
    <Routes>
      <Route path="/dang-nhap" element={<LoginPage />} />
      <Route path="/cong-khai" element={<PublicLayout />}>
        <Route index element={<PublicPlansPage />} />
        <Route path=":id" element={<PublicPlanPage />} />
      </Route>
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="ke-hoach" element={<PlansPage />} />
        <Route path="ke-hoach/nhap" element={<ImportsPage />} />
        <Route path="ke-hoach/nhap/:id" element={<ImportReviewPage />} />
        <Route path="ke-hoach/:id" element={<PlanPage />} />
        <Route path="nhiem-vu" element={<TasksPage />} />
        <Route path="bao-cao" element={<ReportsPage />} />
        <Route path="bao-cao/:planId/:periodId/:unitId" element={<ReportPage />} />
        <Route path="don-vi" element={<UnitsPage />} />
        <Route path="don-vi/:id" element={<UnitPage />} />
        <Route path="quan-tri" element={<AdminLayout />}>
          <Route path="tai-khoan" element={<UsersTab />} />
          <Route path="nhat-ky" element={<AuditTab />} />
          <Route path="ma-truy-cap" element={<TokensTab />} />
          <Route path="thong-bao" element={<NotificationsTab />} />
        </Route>
        <Route path="doi-mat-khau" element={<ChangePasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
