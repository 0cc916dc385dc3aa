import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDGES } from "../model/index.js";
import { buildDocument } from "./document.js";
import { FAILING, PASSING } from "./fixtures.js";
import { renderHtml } from "./html.js";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available)
  console.warn(
    `SKIPPED: ${CHROMIUM} is missing (apt-get install chromium); the HTML report was NOT checked in a browser`,
  );

describe.skipIf(!available)("the HTML report in headless Chromium", () => {
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), "report-")), "report.html");
    writeFileSync(file, renderHtml(buildDocument([PASSING, FAILING])));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
  }, 60_000);
  afterAll(() => browser?.close());

  it("renders with no console errors, draws and colours the diagram, and its filters work", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => !r.url().startsWith("file:") && errors.push(`network request to ${r.url()}`));
    await page.goto(`file://${file}`);
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.locator("#diagram [data-edge]").count()).toBe(EDGES.length);
    expect(await page.locator("#diagram .s-passed").count()).toBeGreaterThan(0);
    await page.selectOption("#target", "bad <&>");
    expect(await page.locator('#diagram [data-edge="locked.ABORT"].s-failed').count()).toBe(1);
    await page.selectOption("#f-status", "failed");
    expect(await page.locator("#shown").textContent()).toBe("1");
    await page.locator("details.failure summary", { hasText: "path:locked.ABORT" }).click();
    expect(await page.locator("details.failure[open] table").count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
