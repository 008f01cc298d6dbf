import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiRequestError, api, NETWORK_ERROR_MESSAGE, onUnauthenticated, setCsrfToken } from "./client.js";

type FetchArgs = [string, RequestInit];

function respond(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

describe("api client", () => {
  const fetchMock = vi.fn<(...args: FetchArgs) => Promise<Response>>();

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal("fetch", fetchMock);
    setCsrfToken(null);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("unwraps { data } and sends same-origin credentials", async () => {
    fetchMock.mockResolvedValueOnce(respond(200, { data: [{ id: "u1", name: "Sở Tài chính" }] }));
    const data = await api.get<{ id: string }[]>("/units", { query: { q: "so tai chinh", parentId: undefined } });
    expect(data).toEqual([{ id: "u1", name: "Sở Tài chính" }]);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/v1/units?q=so+tai+chinh");
    expect(init.credentials).toBe("same-origin");
    expect(init.method).toBe("GET");
  });

  it("sends the CSRF token on mutations only", async () => {
    setCsrfToken("csrf-123");
    fetchMock.mockResolvedValue(respond(200, { data: {} }));
    await api.get("/auth/me");
    await api.post("/auth/logout");
    await api.delete("/tokens/t1");
    const headers = fetchMock.mock.calls.map(([, init]) => init.headers as Record<string, string>);
    expect(headers[0]!["x-csrf-token"]).toBeUndefined();
    expect(headers[1]!["x-csrf-token"]).toBe("csrf-123");
    expect(headers[2]!["x-csrf-token"]).toBe("csrf-123");
    expect(fetchMock.mock.calls[1]![1].body).toBe("{}");
  });

  it("throws the server's Vietnamese message with field errors", async () => {
    fetchMock.mockResolvedValueOnce(
      respond(400, {
        error: {
          code: "VALIDATION",
          message: "Mật khẩu hiện tại không đúng.",
          fields: { currentPassword: "Mật khẩu hiện tại không đúng." },
        },
      }),
    );
    const err = await api.post("/auth/password", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({
      code: "VALIDATION",
      status: 400,
      message: "Mật khẩu hiện tại không đúng.",
      fields: { currentPassword: "Mật khẩu hiện tại không đúng." },
    });
  });

  it("falls back to a Vietnamese message for the code, or for the status when the body is not JSON", async () => {
    fetchMock.mockResolvedValueOnce(respond(403, { error: { code: "FORBIDDEN", message: "" } }));
    await expect(api.get("/audit")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Bạn không có quyền thực hiện thao tác này.",
    });
    fetchMock.mockResolvedValueOnce(new Response("<html>Bad gateway</html>", { status: 502 }));
    await expect(api.get("/units")).rejects.toMatchObject({
      code: "INTERNAL",
      status: 502,
      message: "Máy chủ gặp lỗi. Vui lòng thử lại sau.",
    });
  });

  it("reports a network failure in Vietnamese", async () => {
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    await expect(api.get("/units")).rejects.toMatchObject({
      code: "NETWORK",
      status: 0,
      message: NETWORK_ERROR_MESSAGE,
    });
    expect(NETWORK_ERROR_MESSAGE).toBe("Không kết nối được máy chủ. Vui lòng thử lại.");
  });

  it("lets an abort through as an abort, not as a network error", async () => {
    fetchMock.mockRejectedValueOnce(new DOMException("aborted", "AbortError"));
    await expect(api.get("/units")).rejects.toMatchObject({ name: "AbortError" });
  });

  it("tells listeners about a 401, except where a 401 is expected", async () => {
    const listener = vi.fn();
    const off = onUnauthenticated(listener);
    fetchMock.mockResolvedValue(respond(401, { error: { code: "UNAUTHENTICATED", message: "Phiên đã hết hạn." } }));
    await api.get("/auth/me", { expectUnauthenticated: true }).catch(() => {});
    expect(listener).not.toHaveBeenCalled();
    await api.get("/units").catch(() => {});
    expect(listener).toHaveBeenCalledTimes(1);
    off();
    await api.get("/units").catch(() => {});
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("rejects a success without { data }", async () => {
    fetchMock.mockResolvedValueOnce(respond(200, [1, 2, 3]));
    await expect(api.get("/units")).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });
});
