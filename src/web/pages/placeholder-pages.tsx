/** The screens for a page that cannot be shown: no right to see it, or no such address. Each says what to do next. */
import { Link } from "react-router-dom";
import { EmptyState } from "../components/empty-state.js";
import { Page } from "../components/page.js";

export function ForbiddenPage() {
  return (
    <Page title="Không có quyền truy cập">
      <EmptyState icon="lock" title="Trang này dành cho quản trị viên" action={<Link to="/">Về trang chủ</Link>}>
        <p>Nếu anh/chị cần quyền này, vui lòng liên hệ quản trị viên của cơ quan.</p>
      </EmptyState>
    </Page>
  );
}

export function NotFoundPage() {
  return (
    <Page title="Không tìm thấy trang">
      <EmptyState icon="search" title="Địa chỉ này không tồn tại" action={<Link to="/">Về trang chủ</Link>}>
        <p>Đường dẫn có thể đã cũ hoặc bị gõ nhầm. Hãy dùng thanh điều hướng phía trên để tìm nội dung cần xem.</p>
      </EmptyState>
    </Page>
  );
}
