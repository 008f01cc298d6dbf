import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useSession } from "../session.js";

/** Sends anonymous visitors to the login page, remembering where they were going. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === "authenticated") return <>{children}</>;
  const here = location.pathname + location.search + location.hash;
  // After "Đăng xuất" the next person to sign in on this device starts at home, not on the previous user's page.
  const remember = here !== "/" && !(state.status === "anonymous" && state.reason === "signedOut");
  const to = remember ? `/dang-nhap?next=${encodeURIComponent(here)}` : "/dang-nhap";
  return <Navigate to={to} replace />;
}
