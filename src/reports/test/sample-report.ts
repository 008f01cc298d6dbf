import type { ConsolidatedReport, ConsolidatedTask } from "../types.js";

export function sampleTask(i: number, overrides: Partial<ConsolidatedTask> = {}): ConsolidatedTask {
  return {
    ref: `1.${i}`,
    title: `Tuyên truyền, phổ biến chủ trương về chuyển đổi số, đổi mới sáng tạo — nhiệm vụ ${i}`,
    lead: ["Phòng Văn hóa, Khoa học và Thông tin"],
    support: ["Các phòng, ban, ngành thị xã", "UBND các xã, phường"],
    timeframe: "Thường xuyên",
    status: "Đang thực hiện",
    leadResults: [
      { unit: "Phòng Văn hóa, Khoa học và Thông tin", result: `Đã tổ chức ${i} hội nghị quán triệt.`, percent: 60 },
    ],
    partnerContributions: [
      { unit: "UBND phường Bần Yên Nhân", result: "Đã đăng tin trên trang thông tin điện tử.", percent: null },
    ],
    ...overrides,
  };
}

export function sampleReport(taskCount = 3): ConsolidatedReport {
  const tasks = Array.from({ length: taskCount }, (_, i) => sampleTask(i + 1));
  return {
    issuer: { superior: null, name: "Ủy ban nhân dân thị xã Mỹ Hào", abbreviation: "UBND" },
    place: "Mỹ Hào",
    date: "2025-06-05",
    number: null,
    plan: {
      number: "121/KH-UBND",
      issuedAt: "2025-04-25",
      issuer: "Ủy ban nhân dân thị xã Mỹ Hào",
      title: "Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số thị xã Mỹ Hào năm 2025",
    },
    period: { label: "Quý II/2025", start: "2025-04-01", end: "2025-06-30" },
    summary: {
      totalTasks: taskCount,
      byStatus: [
        { label: "Đang thực hiện", count: taskCount - 1 },
        { label: "Hoàn thành đúng hạn", count: 1 },
      ],
      expectedReports: 12,
      submittedReports: 10,
      onTimeReports: 8,
    },
    groups: [{ ref: "1", title: "Nâng cao nhận thức về phát triển khoa học, công nghệ", tasks }],
    difficulties: [{ unit: "UBND xã Hòa Phong", text: "Thiếu cán bộ chuyên trách công nghệ thông tin." }],
    proposals: [{ unit: "Phòng Kinh tế", text: "Đề nghị bố trí kinh phí tập huấn kỹ năng số." }],
    recipients: ["UBND tỉnh Hưng Yên", "Sở Khoa học và Công nghệ", "Thường trực Thị ủy"],
    signer: { authority: "TM. Ủy ban nhân dân", title: "Chủ tịch", name: "Nguyễn Văn An" },
  };
}
