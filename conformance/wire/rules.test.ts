import { describe, expect, it } from "vitest";
import { WIRE_RULES, wireAnswer, type WireAnswer } from "./rules.js";
import { WireLedger } from "./ledger.js";
import type { Captured } from "./exchange.js";

const DATE = "Tue, 01 Dec 2026 20:00:00 GMT";
const good = { "x-amzn-requestid": "r-1", date: DATE, "content-type": "application/json" };

function answer(status: number, body: unknown, headers: Record<string, string> = good, operation?: string): WireAnswer {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return wireAnswer({ status, headers, body: Buffer.from(text), ...(operation ? { operation } : {}) });
}

/** The ids of the rules that apply to `a` and find it wrong. */
function broken(a: WireAnswer): string[] {
  return WIRE_RULES.filter((r) => r.applies(a) && r.problem(a) !== undefined).map((r) => r.id);
}

const error = { code: "AccessDeniedException", message: "denied", type: "Client" };

describe("wire rules", () => {
  it("find nothing wrong with well-formed answers", () => {
    expect(broken(answer(403, error))).toEqual([]);
    const lock = {
      Policy: "{}",
      State: "InProgress",
      CreationDate: "2026-12-01T20:00:00.000Z",
      ExpirationDate: "2026-12-02T20:00:00.000Z",
    };
    expect(broken(answer(200, lock, good, "GetVaultLock"))).toEqual([]);
    expect(broken(answer(204, "", { "x-amzn-requestid": "r", date: DATE }))).toEqual([]);
    const described = {
      VaultName: "v",
      VaultARN: "arn",
      CreationDate: "2026-12-01T20:00:00.000Z",
      LastInventoryDate: null,
      NumberOfArchives: 0,
      SizeInBytes: 0,
    };
    expect(broken(answer(200, described, good, "DescribeVault"))).toEqual([]);
  });

  it("each name the defect they check (ERR-JSON-BODY, ERR-STATUS-TABLE, ERR-MESSAGE-TEXT, PROTO-*)", () => {
    const { type: _, ...untyped } = error;
    expect(broken(answer(403, untyped))).toEqual(["error-body"]);
    expect(broken(answer(400, error))).toEqual(["error-status"]);
    expect(broken(answer(403, { ...error, message: "" }))).toEqual(["error-message"]);
    expect(broken(answer(403, "<html>denied</html>", { ...good, "content-type": "text/html" }))).toEqual([
      "content-type",
      "error-body",
    ]);
    expect(broken(answer(403, error, { date: DATE, "content-type": "application/json" }))).toEqual(["request-id"]);
    expect(broken(answer(403, error, { "x-amzn-requestid": "r", "content-type": "application/json" }))).toEqual([
      "date-header",
    ]);
    expect(broken(answer(403, error, { ...good, date: "2026-12-01" }))).toEqual(["date-header"]);
    const lock = { Policy: "{}", State: "Locked", CreationDate: "2026-12-01T20:00:00Z" };
    expect(broken(answer(200, lock, good, "GetVaultLock"))).toEqual(["body-dates"]);
  });

  it("judge body members by the service model's types (PROTO-REST-JSON)", () => {
    const rule = WIRE_RULES.find((r) => r.id === "body-shape")!;
    expect(rule.problem(answer(200, { VaultList: "x" }, good, "ListVaults"))).toMatch(/body.VaultList is string.*list/);
    expect(rule.problem(answer(200, { VaultList: [{ VaultName: 5 }] }, good, "ListVaults"))).toMatch(
      /VaultList\[0\].VaultName is number/,
    );
    expect(rule.problem(answer(200, { Tags: { a: 1 } }, good, "ListTagsForVault"))).toMatch(/Tags.a is number/);
    expect(rule.problem(answer(200, { NumberOfArchives: "0" }, good, "DescribeVault"))).toMatch(/number/);
    expect(rule.problem(answer(200, { Policy: {} }, good, "GetVaultAccessPolicy"))).toMatch(/body.Policy is object/);
    expect(rule.problem(answer(200, { Policy: "{}", Extra: 1 }, good, "GetVaultAccessPolicy"))).toBeUndefined();
    expect(rule.problem(answer(200, "[1]", good, "ListVaults"))).toBe("the body is not a JSON object");
  });
});

describe("the wire ledger", () => {
  const captured = (status: number, body: unknown, headers = good): Captured => ({
    record: {
      method: "GET",
      path: "/-/vaults",
      requestHeaders: {},
      requestBytes: 0,
      status,
      responseHeaders: headers,
      sentAt: 0,
      ms: 1,
    },
    body: Buffer.from(JSON.stringify(body)),
  });

  it("counts each rule once per run, keeping the first wrong answer", () => {
    const ledger = new WireLedger();
    ledger.record(captured(403, error), "ListVaults");
    const { type: _, ...untyped } = error;
    ledger.record(captured(403, untyped), "ListVaults");
    ledger.record(captured(403, untyped), "ListVaults");
    const results = Object.fromEntries(ledger.results("t").map((r) => [r.id, r]));
    expect(results["wire:error-body"]).toMatchObject({
      verdict: "fail",
      requirements: ["ERR-JSON-BODY"],
      observed: "2 of 3 answers wrong",
    });
    expect(results["wire:error-body"]!.trace![0]!.exchange?.status).toBe(403);
    expect(results["wire:request-id"]).toMatchObject({ verdict: "pass", observed: "3 answers judged" });
    expect(results["wire:body-dates"]).toMatchObject({ verdict: "skip" });
  });

  it("counts requests in a row without an answer", () => {
    const ledger = new WireLedger();
    const lost: Captured = {
      record: {
        method: "GET",
        path: "/",
        requestHeaders: {},
        requestBytes: 0,
        transport: "ECONNRESET",
        sentAt: 0,
        ms: 1,
      },
    };
    ledger.record(lost, undefined);
    ledger.record(lost, undefined);
    expect(ledger.consecutiveTransportFailures).toBe(2);
    ledger.record(captured(200, {}), "ListVaults");
    expect(ledger.consecutiveTransportFailures).toBe(0);
  });
});
