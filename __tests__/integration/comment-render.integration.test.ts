// Integration: every fixture's comment as a reviewer sees it on github.com. Rendered in Debian's
// Chromium (scripts/tools/browser.sh) with GitHub's Markdown styles at the width of a pull-request
// comment: no table may scroll sideways, every Mermaid block must draw an SVG, and its labels must
// be large enough to read. Screenshots go to .local/screenshots/comments/ for a reviewer of the run.
import * as fs from "fs";
import * as path from "path";
import { Browser } from "playwright-core";
import { renderSummary } from "../../plan-review/summary";
import { COMMENT_WIDTH, launchBrowser, openRenderer, renderComment, RenderedComment } from "../helpers/browser";
import { ROOT } from "../helpers/terraform";
import {
  CLASS_FIXTURES,
  classPlan,
  fixtureConfiguration,
  fixtureFile,
  fixturePlan,
  fixtureText,
  SCENARIOS,
} from "../plan-review/fixtures";

jest.setTimeout(180_000);

/** The smallest label height (px on screen) a reviewer reads without zooming: about an 8 pt font. */
const MIN_LABEL_PX = 10;

const SCREENSHOTS = path.join(ROOT, ".local", "screenshots", "comments");

function comment(name: string): string {
  if (name === "failed") {
    const error = fs.readFileSync(fixtureFile("failed", "plan-error.txt"), "utf8");
    return renderSummary({ stack: "ecs-fargate-dev", commit: "0123abc", error });
  }
  if ((SCENARIOS as readonly string[]).includes(name)) {
    const scenario = name as (typeof SCENARIOS)[number];
    return renderSummary({
      stack: "ecs-fargate-dev",
      commit: "0123abc",
      plan: fixturePlan(scenario),
      planText: fixtureText(scenario),
      configuration: fixtureConfiguration(scenario),
    });
  }
  return renderSummary({ stack: "classes", commit: "0123abc", plan: classPlan(name) });
}

const NAMES = [...SCENARIOS, ...CLASS_FIXTURES];

describe(`each fixture's comment, rendered in Chromium ${COMMENT_WIDTH} px wide (integration)`, () => {
  let browser: Browser;
  const rendered = new Map<string, RenderedComment>();

  beforeAll(async () => {
    browser = await launchBrowser();
    fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    const page = await openRenderer(browser);
    for (const name of NAMES) {
      rendered.set(name, await renderComment(page, comment(name), path.join(SCREENSHOTS, `${name}.png`)));
    }
    await page.close();
    process.stdout.write(`comment screenshots: ${path.relative(ROOT, SCREENSHOTS)}/ (${NAMES.length} files)\n`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(NAMES)("%s: no table is wider than the comment (nothing scrolls sideways)", (name) => {
    const tables = rendered.get(name)?.tables ?? [];
    for (const table of tables) {
      expect({ table: table.firstCell, fits: table.scrollWidth <= COMMENT_WIDTH }).toEqual({
        table: table.firstCell,
        fits: true,
      });
    }
  });

  it.each(NAMES)("%s: every Mermaid block draws an SVG whose labels are readable at that width", (name) => {
    const summary = comment(name);
    const diagrams = rendered.get(name)?.diagrams ?? [];
    expect(diagrams).toHaveLength((summary.match(/^```mermaid$/gm) ?? []).length);
    for (const diagram of diagrams) {
      expect(diagram.error).toBeUndefined();
      expect(diagram.svg).toBe(true);
      expect(diagram.labels).toBeGreaterThan(0);
      expect(diagram.width).toBeLessThanOrEqual(COMMENT_WIDTH);
      expect(diagram.minLabelHeight).toBeGreaterThanOrEqual(MIN_LABEL_PX);
    }
  });

  it("draws the diagrams that matter: the full create and the destroy have one", () => {
    expect(rendered.get("create")?.diagrams).toHaveLength(1);
    expect(rendered.get("destroy")?.diagrams).toHaveLength(1);
  });

  it("saves a screenshot of each comment", () => {
    for (const name of NAMES) expect(fs.statSync(rendered.get(name)?.screenshot ?? "").size).toBeGreaterThan(1_000);
  });
});
