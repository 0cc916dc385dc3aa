import {
  CreateVaultCommand,
  DeleteVaultNotificationsCommand,
  GetVaultNotificationsCommand,
  SetVaultAccessPolicyCommand,
  SetVaultNotificationsCommand,
  type GlacierClient,
} from "@aws-sdk/client-glacier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_NOTIFICATIONS } from "../model/index.js";
import { startEmulator, type Emulator } from "./server.js";
import { rawRequest, sdkClient } from "./testing.js";

let emulator: Emulator;
let client: GlacierClient;
beforeAll(async () => {
  emulator = await startEmulator();
  client = sdkClient(emulator.url, emulator.accounts[0]!);
});
afterAll(() => emulator.close());

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "no error",
    (e: { name: string; $metadata: { httpStatusCode: number } }) => `${e.$metadata.httpStatusCode} ${e.name}`,
  );

describe("vault notifications through the AWS SDK (NOTIF-*), served by routes from the SDK's schema", () => {
  it("sets, reads back and deletes the configuration; 404 when none is set", async () => {
    const vault = { accountId: "-", vaultName: "notified" };
    await client.send(new CreateVaultCommand(vault));
    expect(await errorOf(client.send(new GetVaultNotificationsCommand(vault)))).toBe("404 ResourceNotFoundException");
    const set = await client.send(
      new SetVaultNotificationsCommand({ ...vault, vaultNotificationConfig: EXAMPLE_NOTIFICATIONS }),
    );
    expect(set.$metadata.httpStatusCode).toBe(204);
    const got = await client.send(new GetVaultNotificationsCommand(vault));
    expect(got.vaultNotificationConfig).toEqual(EXAMPLE_NOTIFICATIONS);
    await client.send(new DeleteVaultNotificationsCommand(vault));
    expect(await errorOf(client.send(new GetVaultNotificationsCommand(vault)))).toBe("404 ResourceNotFoundException");
  });

  it("refuses a Set without a configuration (NOTIF-CONFIG-MISSING)", async () => {
    const vault = { accountId: "-", vaultName: "notified-empty" };
    await client.send(new CreateVaultCommand(vault));
    const path = "/-/vaults/notified-empty/notification-configuration";
    const answer = await rawRequest(emulator.url, { method: "PUT", path, body: "", account: emulator.accounts[0]! });
    expect(answer.status).toBe(400);
    expect(answer.json?.code).toBe("MissingParameterValueException");
  });

  it("lets a vault's policy deny them (AP-ENFORCED)", async () => {
    const vault = { accountId: "-", vaultName: "notified-denied" };
    await client.send(new CreateVaultCommand(vault));
    const deny = {
      Version: "2012-10-17",
      Statement: [
        { Sid: "no-notifications", Effect: "Deny", Principal: "*", Action: "glacier:*Notifications", Resource: "*" },
      ],
    };
    await client.send(new SetVaultAccessPolicyCommand({ ...vault, policy: { Policy: JSON.stringify(deny) } }));
    const set = client.send(
      new SetVaultNotificationsCommand({ ...vault, vaultNotificationConfig: EXAMPLE_NOTIFICATIONS }),
    );
    expect(await errorOf(set)).toBe("403 AccessDeniedException");
    expect(await errorOf(client.send(new DeleteVaultNotificationsCommand(vault)))).toBe("403 AccessDeniedException");
  });
});
