import { describe, expect, it } from "vitest";
import { isLoopback, targetFromFlags } from "./target.js";

describe("targetFromFlags", () => {
  it("treats loopback endpoints as emulators and anything else as real AWS", () => {
    expect(isLoopback("http://127.0.0.1:4566")).toBe(true);
    expect(isLoopback("http://localhost:5000")).toBe(true);
    expect(isLoopback("http://[::1]:5000")).toBe(true);
    expect(isLoopback("https://glacier.us-east-1.amazonaws.com")).toBe(false);
    expect(targetFromFlags({ clockControl: false }, {}).capabilities.realAws).toBe(true);
  });

  it("honours AWS_ENDPOINT_URL_GLACIER and AWS_REGION, and explicit flags win", () => {
    const env = { AWS_ENDPOINT_URL_GLACIER: "http://127.0.0.1:4566", AWS_REGION: "eu-west-1" };
    expect(targetFromFlags({ clockControl: false }, env)).toMatchObject({
      endpoint: "http://127.0.0.1:4566",
      region: "eu-west-1",
    });
    expect(
      targetFromFlags({ endpoint: "http://127.0.0.1:1", region: "us-west-2", clockControl: true }, env),
    ).toMatchObject({
      endpoint: "http://127.0.0.1:1",
      region: "us-west-2",
      capabilities: { clockControl: true, realAws: false },
    });
  });

  it("uses explicit credentials only when both halves are given", () => {
    expect(targetFromFlags({ accessKeyId: "a", secretAccessKey: "b", clockControl: false }, {}).credentials).toEqual({
      accessKeyId: "a",
      secretAccessKey: "b",
    });
    expect(targetFromFlags({ accessKeyId: "a", clockControl: false }, {}).credentials).toBeUndefined();
  });
});
