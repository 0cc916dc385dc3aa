import { describe, expect, it } from "vitest";
import { matchRoute } from "../emulator/routes.js";
import { routeFor, ROUTES } from "./routes.js";

describe("routes from the SDK's schema", () => {
  it("reads method, URI template, labels, query literal and status from the http trait", () => {
    expect(routeFor("CompleteVaultLock")).toMatchObject({
      method: "POST",
      uri: "/{accountId}/vaults/{vaultName}/lock-policy/{lockId}",
      labels: ["accountId", "vaultName", "lockId"],
      status: 204,
    });
    expect(routeFor("AddTagsToVault").query).toEqual(["operation", "add"]);
    expect(routeFor("InitiateVaultLock").status).toBe(201);
  });

  it("reads where output members travel: headers (httpHeader), the body member (httpPayload), none for unit", () => {
    expect(routeFor("InitiateVaultLock").output).toEqual({ headers: { lockId: "x-amz-lock-id" } });
    expect(routeFor("UploadArchive").output.headers).toEqual({
      location: "location",
      checksum: "x-amz-sha256-tree-hash",
      archiveId: "x-amz-archive-id",
    });
    expect(routeFor("GetVaultNotifications").output).toEqual({ headers: {}, payload: "vaultNotificationConfig" });
    expect(routeFor("DeleteVault").output).toEqual({ headers: {} });
  });

  it("gives every operation a distinct method, shape and query", () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.shape.source} ${r.query?.join("=") ?? ""}`);
    expect(new Set(keys).size).toBe(ROUTES.length);
  });

  it("routes a raw path to its operation with decoded labels, and refuses PUT lock-policy (INC-PUT-VS-POST)", () => {
    expect(matchRoute("POST", "/-/vaults/a%20b/lock-policy/L1")).toEqual({
      operation: "CompleteVaultLock",
      labels: { accountId: "-", vaultName: "a b", lockId: "L1" },
    });
    expect(matchRoute("POST", "/-/vaults/v/tags", new URLSearchParams("operation=remove"))?.operation).toBe(
      "RemoveTagsFromVault",
    );
    expect(matchRoute("POST", "/-/vaults/v/tags")).toBeUndefined();
    expect(matchRoute("PUT", "/-/vaults/v/lock-policy")).toBeUndefined();
  });
});
