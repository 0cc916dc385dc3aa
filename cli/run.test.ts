import { describe, expect, it, vi } from "vitest";
import { UsageError } from "./args.js";
import { parseShard, runCommand } from "./run.js";

describe("run command rails and usage", () => {
  it("requires --account-id against real AWS, before sending anything", async () => {
    await expect(runCommand(["--endpoint", "https://glacier.us-east-1.amazonaws.com"])).rejects.toThrow(UsageError);
  });

  it("refuses real AWS without --allow-real-aws (exit 2)", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(
        await runCommand(["--endpoint", "https://glacier.us-east-1.amazonaws.com", "--account-id", "111122223333"]),
      ).toBe(2);
      expect(error.mock.calls.flat().join(" ")).toContain("--allow-real-aws");
    } finally {
      error.mockRestore();
    }
  });

  it("reads shards I/N and rejects the rest", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    for (const bad of ["0/3", "4/3", "a/b", "1"]) expect(parseShard(bad)).toBeUndefined();
  });
});

describe("run --load", () => {
  it("takes CxMxK and refuses anything else with one line (exit 2)", async () => {
    for (const bad of ["8x200", "0x10x1", "axbxc", "8x200x4x1"])
      await expect(runCommand(["--load", bad])).rejects.toThrow(`--load ${bad}: takes CxMxK`);
  });
});

describe("run --second-*", () => {
  it("refuses a second principal without --endpoint, where it would be ignored", async () => {
    await expect(runCommand(["--second-account-id", "444455556666"])).rejects.toThrow(
      "--second-account-id is for a target given with --endpoint; the embedded emulator has its own second account",
    );
  });
});
