import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REQUIREMENTS } from "../model/index.js";
import { requirementsPage } from "./requirements-page.js";

describe("docs/requirements.md", () => {
  const page = requirementsPage();

  it("is the page of the current catalogue, transitions and checks (run `npm run docs -- requirements`)", () => {
    expect(readFileSync(new URL("../docs/requirements.md", import.meta.url), "utf8")).toBe(page);
  });

  it("gives each requirement one row that names its transitions, checks and routes", () => {
    for (const { id } of REQUIREMENTS) expect(page).toContain(`| ${id} |`);
    const row = page.split("\n").find((line) => line.startsWith("| NOTIF-GET-NONE |"))!;
    expect(row).toContain("`path:noLock.GET_NOTIFICATIONS.none`");
    expect(row).toContain("`GET /{accountId}/vaults/{vaultName}/notification-configuration (GetVaultNotifications)`");
    const gate = page.split("\n").find((line) => line.startsWith("| ACCT-MISMATCH-DENIED |"))!;
    expect(gate).toContain("`gate.accountMismatch`");
    expect(gate).toContain("`gate:account-other-id`");
  });
});
