import { describe, expect, it } from "vitest";
import { recent } from "./memo.js";

describe("recent", () => {
  it("computes each argument once while it is kept, and again once it is forgotten", () => {
    const calls: number[] = [];
    const square = recent(2, (x: number) => (calls.push(x), x * x));
    expect([square(3), square(3), square(4), square(3)]).toEqual([9, 9, 16, 9]);
    expect(calls).toEqual([3, 4]);
    square(5);
    expect(square(3)).toBe(9);
    expect(calls).toEqual([3, 4, 5, 3]);
  });

  it("keeps an undefined result", () => {
    let calls = 0;
    const nothing = recent(4, (_: string) => (calls++, undefined));
    nothing("a");
    nothing("a");
    expect(calls).toBe(1);
  });
});
