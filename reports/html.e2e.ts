/**
 * The HTML report in headless Chromium: three reports (a real suite run against the emulator, the failing
 * non-atomic fixture with its failed race, and the two merged with another failing target), each checked from
 * element boxes and saved as screenshots under out/screenshots/, which CI keeps as artifacts.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../conformance/run.js";
import { emulatorTarget } from "../conformance/target.js";
import { runSuite } from "../conformance/run.js";
import { startEmulator } from "../emulator/server.js";
import { buildDocument, type ReportDocument } from "./document.js";
import { diagramFigures, openReport, timelineFigures } from "./page-figures.js";
import { FAILING, RACING } from "./fixtures.js";
import { renderHtml } from "./html.js";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = fileURLToPath(new URL("../out/screenshots/", import.meta.url));
const available = existsSync(CHROMIUM);
if (!available)
  console.warn(
    `SKIPPED: ${CHROMIUM} is missing (apt-get install chromium); the HTML report was NOT checked in a browser`,
  );

describe.skipIf(!available)("the HTML report in headless Chromium", () => {
  let browser: Browser;
  const reports: Record<"emulator" | "failing" | "merged", { document: ReportDocument; file: string }> = {} as never;
  beforeAll(async () => {
    const emulator = await startEmulator({ clockControl: true });
    let run: RunReport;
    try {
      run = await runSuite({ target: emulatorTarget(emulator.url, emulator.accounts), seed: 20261122, runs: 5 });
    } finally {
      await emulator.close();
    }
    mkdirSync(SHOTS, { recursive: true });
    const documents = {
      emulator: buildDocument([run]),
      failing: buildDocument([RACING]),
      merged: buildDocument([run, RACING, FAILING]),
    };
    for (const [name, document] of Object.entries(documents)) {
      const file = `${SHOTS}${name}.html`;
      writeFileSync(file, renderHtml(document));
      reports[name as keyof typeof reports] = { document, file };
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
  }, 120_000);
  afterAll(() => browser?.close());

  async function checkDiagram(page: Page, name: string, target: string): Promise<void> {
    const figures = await diagramFigures(page, target);
    console.log(
      `${name} report, diagram of ${target}: labels overlapping a state box ${figures.labelsOverBoxes}, labels overlapping each other ${figures.labelsOverLabels}, label text outside its label ${figures.textOutsideLabel}, edges with a visible arrowhead ${figures.visibleArrowheads}/${figures.edges}, edges crossing a state box ${figures.edgesThroughBoxes}`,
    );
    expect(figures.edges).toBe(reports.emulator.document.transitions.filter((t) => t.source !== t.target).length);
    expect(figures).toMatchObject({
      labelsOverBoxes: 0,
      labelsOverLabels: 0,
      textOutsideLabel: 0,
      edgesThroughBoxes: 0,
    });
    expect(figures.visibleArrowheads).toBe(figures.edges);
  }

  it("the emulator's report: no errors, every edge drawn with its arrowhead and no label over a box", async () => {
    const { page, errors } = await openReport(browser, reports.emulator.file);
    await checkDiagram(page, "emulator", "emulator");
    const passed = reports.emulator.document.targets[0]!.counts.transitions.passed;
    expect(await page.locator("#summary").textContent()).toContain(`${passed} passed`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}emulator-top.png` });
    await page.locator("#machine").screenshot({ path: `${SHOTS}emulator-machine.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the failing report: clicking an edge or a state filters the tables; the timeline has one bar per operation", async () => {
    const { page, errors } = await openReport(browser, reports.failing.file);
    await checkDiagram(page, "failing", "non-atomic");
    const { transitions, requirements } = reports.failing.document;
    const expiry = transitions.find((t) => t.id === "inProgress.TICK.expired")!;
    expect(await page.locator('svg.diagram g.edge.st-failed[data-edge="inProgress.TICK.expired"]').count()).toBe(1);
    await page.locator('svg.diagram g.edge-label[data-edge="inProgress.TICK.expired"]').click();
    const shown = () =>
      page
        .locator("#requirements tbody tr[data-id]:not([hidden])")
        .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id));
    expect((await shown()).sort()).toEqual([...expiry.requirements].sort());
    expect(await page.locator("#transitions tbody tr[data-edge]:not([hidden])").count()).toBe(1);
    console.log(
      `failing report: clicking inProgress.TICK.expired leaves ${(await shown()).length} of ${requirements.length} requirement rows (its ${expiry.requirements.length})`,
    );
    await page.locator("#machine").screenshot({ path: `${SHOTS}failing-machine-selected.png` });
    await page.locator('svg.diagram g.state[data-state="locked"]').click();
    const leaving = new Set(transitions.filter((t) => t.source === "locked").flatMap((t) => t.requirements));
    expect((await shown()).sort()).toEqual([...leaving].sort());
    await page.locator("#clear-selection").click();
    expect(await shown()).toHaveLength(requirements.length);

    const race = RACING.results.find((r) => r.id === "race:initiate-x8")!.history!;
    const timeline = await timelineFigures(page, "non-atomic", "race:initiate-x8");
    console.log(
      `failing report, race:initiate-x8 timeline: ${timeline.bars} bars for ${race.operations.length} operations in ${timeline.lanes} lanes; ${timeline.placed} placed, ${timeline.unplaceable} marked unplaceable`,
    );
    expect(timeline).toEqual({ bars: race.operations.length, lanes: 8, zeroWidth: 0, placed: 4, unplaceable: 4 });
    await page.locator("#races").screenshot({ path: `${SHOTS}failing-races.png` });
    await page.locator('#summary a[href="#req--RACE-ONE-INITIATE-WINS"]').click();
    expect(await page.locator("#req--RACE-ONE-INITIATE-WINS").isVisible()).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}failing-top.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the merged report: one diagram per target, the matrix has a column per target, and filters work", async () => {
    const { page, errors } = await openReport(browser, reports.merged.file);
    const targets = reports.merged.document.targets.map((t) => t.name);
    expect(await page.locator("#requirements thead tr").first().locator("th").allTextContents()).toEqual([
      "requirement",
      "statement",
      ...targets,
    ]);
    for (const target of targets) {
      await page.selectOption("#target", target);
      expect(await page.locator("svg.diagram:visible").getAttribute("data-target")).toBe(target);
      await checkDiagram(page, "merged", target);
    }
    await page.selectOption("#target", "bad <&>");
    await page.selectOption("#f-status", "failed");
    expect(await page.locator("#shown").textContent()).toBe("1");
    await page.locator("details.failure summary", { hasText: "path:locked.ABORT" }).first().click();
    expect(await page.locator("details.failure[open] table").count()).toBe(1);
    await page.selectOption("#f-status", "");
    await page.selectOption("#target", "non-atomic");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}merged-top.png` });
    await page.evaluate(() => document.getElementById("requirements")!.scrollIntoView());
    await page.screenshot({ path: `${SHOTS}merged-matrix.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});
