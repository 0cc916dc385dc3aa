import { GlacierClient } from "@aws-sdk/client-glacier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { EXAMPLE_NOTIFICATIONS, examplePolicy, type Operation } from "../model/index.js";
import { invoke, type Observed } from "./invoke.js";
import { clientFor, emulatorTarget } from "./target.js";

const vault = { accountId: "-", vaultName: "vlc-invoke" };
const OPERATIONS: Operation[] = [
  { name: "CreateVault", ...vault },
  { name: "InitiateVaultLock", ...vault, policy: examplePolicy("valid")! },
  { name: "GetVaultLock", ...vault },
  { name: "SetVaultNotifications", ...vault, config: EXAMPLE_NOTIFICATIONS },
  { name: "GetVaultNotifications", ...vault },
  { name: "AbortVaultLock", ...vault },
  { name: "DeleteVault", ...vault },
];

/** What both readings must agree on: status, the headers the SDK parses into members, the body's fields. */
const parts = ({ status, headers, body }: Observed) => ({
  status,
  headers: Object.fromEntries(
    ["location", "x-amz-lock-id"].filter((h) => headers[h] !== undefined).map((h) => [h, headers[h]]),
  ),
  body: Object.keys(body ?? {}).sort(),
});

describe("invoke", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it("reads a plain SDK client's output as the raw answer says: headers and payload from the Smithy schema", async () => {
    const target = emulatorTarget(emulator.url, DEFAULT_ACCOUNTS);
    const recording = clientFor(target);
    const plain = new GlacierClient({
      region: target.region,
      endpoint: target.endpoint!,
      credentials: target.credentials!,
    });
    const run = async (client: GlacierClient) => {
      const seen: ReturnType<typeof parts>[] = [];
      for (const operation of OPERATIONS) seen.push(parts(await invoke(client, operation)));
      return seen;
    };
    const [fromWire, fromSdk] = [await run(recording), await run(plain)];
    expect(fromSdk.map((p) => p.status)).toEqual([201, 201, 200, 204, 200, 204, 204]);
    expect(fromSdk[1]!.headers["x-amz-lock-id"]).toMatch(/./);
    expect(fromSdk[4]!.body).toEqual(["Events", "SNSTopic"]);
    expect(fromSdk.map((p) => ({ ...p, headers: Object.keys(p.headers) }))).toEqual(
      fromWire.map((p) => ({ ...p, headers: Object.keys(p.headers) })),
    );
  });
});
