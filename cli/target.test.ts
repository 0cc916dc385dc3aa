import { describe, expect, it } from "vitest";
import { isLoopback, targetFromFlags } from "./target.js";

describe("targetFromFlags", () => {
  it("treats loopback endpoints as emulators and anything else as real AWS", () => {
    expect(isLoopback("http://127.0.0.1:4566")).toBe(true);
    expect(isLoopback("http://localhost:5000")).toBe(true);
    expect(isLoopback("http://[::1]:5000")).toBe(true);
    expect(isLoopback("https://glacier.us-east-1.amazonaws.com")).toBe(false);
    expect(targetFromFlags({ "clock-control": false }, {}).capabilities.realAws).toBe(true);
  });

  it("honours AWS_ENDPOINT_URL_GLACIER and AWS_REGION, and explicit flags win", () => {
    const env = { AWS_ENDPOINT_URL_GLACIER: "http://127.0.0.1:4566", AWS_REGION: "eu-west-1" };
    expect(targetFromFlags({ "clock-control": false }, env)).toMatchObject({
      endpoint: "http://127.0.0.1:4566",
      region: "eu-west-1",
    });
    expect(
      targetFromFlags({ endpoint: "http://127.0.0.1:1", region: "us-west-2", "clock-control": true }, env),
    ).toMatchObject({
      endpoint: "http://127.0.0.1:1",
      region: "us-west-2",
      capabilities: { clockControl: true, realAws: false },
    });
  });

  it("takes credentials in pairs: both halves or neither", () => {
    expect(
      targetFromFlags({ "access-key-id": "a", "secret-access-key": "b", "clock-control": false }, {}).credentials,
    ).toEqual({
      accessKeyId: "a",
      secretAccessKey: "b",
    });
    expect(() => targetFromFlags({ "access-key-id": "a", "clock-control": false }, {})).toThrow(
      "--access-key-id needs --secret-access-key too",
    );
  });

  it("takes a second principal as three flags together, for the isolation check", () => {
    const second = {
      "second-access-key-id": "k2",
      "second-secret-access-key": "s2",
      "second-account-id": "444455556666",
    };
    expect(targetFromFlags({ "clock-control": false, ...second }, {}).second).toEqual({
      credentials: { accessKeyId: "k2", secretAccessKey: "s2" },
      accountId: "444455556666",
    });
    expect(() => targetFromFlags({ "clock-control": false, "second-access-key-id": "k2" }, {})).toThrow(
      "--second-access-key-id needs --second-secret-access-key and --second-account-id too",
    );
  });

  it("refuses an endpoint variable that is not a URL in one line", () => {
    expect(() => targetFromFlags({ "clock-control": false }, { AWS_ENDPOINT_URL_GLACIER: "localhost:5000" })).toThrow(
      "AWS_ENDPOINT_URL_GLACIER localhost:5000: takes an http:// or https:// URL",
    );
  });
});
