// The measuring functions run in the page, so they are typed against the DOM.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Figures measured on the rendered report page in a browser, from element boxes: what the HTML report's browser
 * test asserts (labels clear of state boxes and of each other, a visible arrowhead per edge, timeline bars).
 */
import type { Browser, Page } from "playwright-core";

export interface DiagramFigures {
  edges: number;
  labelsOverBoxes: number;
  labelsOverLabels: number;
  /** Label text whose rendered extent leaves its label box (the layout reserved too little room). */
  textOutsideLabel: number;
  /** Arrowheads at least 5 px each way whose centroid, hit-tested, is the arrowhead itself (nothing covers it). */
  visibleArrowheads: number;
  /** Edge lines that pass through a state box other than the two they join. */
  edgesThroughBoxes: number;
}

/** Opens a report file, waits for its script, and collects console errors and any network request. */
export async function openReport(browser: Browser, file: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => !r.url().startsWith("file:") && errors.push(`network request to ${r.url()}`));
  await page.goto(`file://${file}`);
  await page.waitForSelector("body[data-ready=true]");
  return { page, errors };
}

/** Measures the diagram drawn for `target` (scrolled into view, so hit tests see what a reader sees). */
export async function diagramFigures(page: Page, target: string): Promise<DiagramFigures> {
  return page.evaluate((name) => {
    const svg = [...document.querySelectorAll<SVGSVGElement>("svg.diagram")].find((s) => s.dataset.target === name)!;
    svg.scrollIntoView({ block: "center" });
    const overlap = (a: DOMRect, b: DOMRect) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const inside = (a: DOMRect, b: DOMRect) =>
      a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
    const boxes = [...svg.querySelectorAll("g.state")].map((g) => ({
      state: g.getAttribute("data-state")!,
      rect: g.querySelector("rect.box")!.getBoundingClientRect(),
    }));
    const labels = [...svg.querySelectorAll("g.edge-label rect")].map((r) => r.getBoundingClientRect());
    let labelsOverBoxes = 0;
    let labelsOverLabels = 0;
    for (const [i, label] of labels.entries()) {
      labelsOverBoxes += boxes.filter((b) => overlap(label, b.rect)).length;
      labelsOverLabels += labels.slice(i + 1).filter((other) => overlap(label, other)).length;
    }
    const textOutsideLabel = [...svg.querySelectorAll("g.edge-label")].filter((g) => {
      const box = g.querySelector("rect")!.getBoundingClientRect();
      return [...g.querySelectorAll("text")].some((t) => !inside(t.getBoundingClientRect(), box));
    }).length;
    const edges = [...svg.querySelectorAll<SVGGElement>("g.edge")];
    const toScreen = (element: SVGGraphicsElement, x: number, y: number) =>
      new DOMPoint(x, y).matrixTransform(element.getScreenCTM()!);
    const visibleArrowheads = edges.filter((g) => {
      const head = g.querySelector<SVGPathElement>("path.head")!;
      const box = head.getBoundingClientRect();
      const n = (head.getAttribute("d")!.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
      const centroid = toScreen(head, (n[0]! + n[2]! + n[4]!) / 3, (n[1]! + n[3]! + n[5]!) / 3);
      return box.width >= 5 && box.height >= 5 && document.elementFromPoint(centroid.x, centroid.y) === head;
    }).length;
    const edgesThroughBoxes = edges.filter((g) => {
      const line = g.querySelector<SVGPathElement>("path.line")!;
      const length = line.getTotalLength();
      const points = Array.from({ length: 201 }, (_, i) => line.getPointAtLength((length * i) / 200));
      const joined = (state: string) => state === g.dataset.from || state === g.dataset.to;
      return boxes.some(
        (b) =>
          !joined(b.state) &&
          points.some((p) => {
            const s = toScreen(line, p.x, p.y);
            return s.x > b.rect.left && s.x < b.rect.right && s.y > b.rect.top && s.y < b.rect.bottom;
          }),
      );
    }).length;
    return {
      edges: edges.length,
      labelsOverBoxes,
      labelsOverLabels,
      textOutsideLabel,
      visibleArrowheads,
      edgesThroughBoxes,
    };
  }, target);
}

/** Bars, lanes and marks of one race's timeline. */
export async function timelineFigures(page: Page, target: string, check: string) {
  return page.evaluate(
    ([name, id]) => {
      const figure = [...document.querySelectorAll<HTMLElement>("figure.race")].find(
        (f) => f.dataset.target === name && f.dataset.check === id,
      )!;
      const bars = [...figure.querySelectorAll("g.op rect")].map((r) => r.getBoundingClientRect());
      return {
        bars: bars.length,
        lanes: new Set(bars.map((b) => Math.round(b.top))).size,
        zeroWidth: bars.filter((b) => b.width < 1).length,
        placed: figure.querySelectorAll("g.op.st-passed").length,
        unplaceable: figure.querySelectorAll("g.op.st-failed").length,
      };
    },
    [target, check] as const,
  );
}
