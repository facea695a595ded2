// Renders pull-request comments as GitHub shows them, in Debian's Chromium driven by playwright-core:
// GitHub-flavoured Markdown (tables, <details>, alerts) by marked + marked-alert, styled by
// github-markdown-css, Mermaid drawn in the page by mermaid.min.js, in a text column as wide as a
// comment's. The browser is installed by scripts/tools/browser.sh (scripts/test.sh runs it).
import * as fs from "fs";
import * as path from "path";
import { Browser, chromium, Page } from "playwright-core";
import { ROOT } from "./terraform";

export const CHROMIUM = "/usr/bin/chromium";

/** The text column of a pull-request comment on github.com (780–900 px): the narrow end. */
export const COMMENT_WIDTH = 780;

/** Launch flags that keep Chromium offline and quiet (FACTS.md). */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const moduleFile = (...parts: string[]) => path.join(ROOT, "node_modules", ...parts);

export interface RenderedComment {
  /** Each table: its laid-out width and the width of its content (wider: it scrolls sideways). */
  readonly tables: readonly { readonly width: number; readonly scrollWidth: number; readonly firstCell: string }[];
  /** Each Mermaid block: whether it drew an SVG, the SVG's width on screen, and its smallest label's height in px. */
  readonly diagrams: readonly {
    readonly svg: boolean;
    readonly width: number;
    readonly minLabelHeight: number;
    readonly labels: number;
    readonly error?: string;
  }[];
  readonly screenshot: string;
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: run scripts/tools/browser.sh (scripts/test.sh does)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 16px; background: #fff; }
.markdown-body { box-sizing: border-box; width: ${COMMENT_WIDTH}px; }
</style></head><body><article class="markdown-body" id="comment"></article></body></html>`;

/** A page with GitHub's Markdown styles, marked, marked-alert and Mermaid loaded once, for many comments. */
export async function openRenderer(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: COMMENT_WIDTH + 32, height: 800 } });
  await page.setContent(PAGE);
  await page.addStyleTag({ path: moduleFile("github-markdown-css", "github-markdown-light.css") });
  await page.addScriptTag({ path: moduleFile("marked", "lib", "marked.umd.js") });
  await page.addScriptTag({ path: moduleFile("marked-alert", "dist", "index.umd.js") });
  await page.addScriptTag({ path: moduleFile("mermaid", "dist", "mermaid.min.js") });
  await page.addScriptTag({ path: path.join(ROOT, "scripts", "tools", "render-comment.js") });
  return page;
}

/** Renders `markdown` as a comment, opens every <details>, draws the diagrams, measures, and saves a screenshot. */
export async function renderComment(page: Page, markdown: string, screenshot: string): Promise<RenderedComment> {
  const measured = await page.evaluate<Omit<RenderedComment, "screenshot">>(
    `window.renderComment(${JSON.stringify(markdown)})`,
  );
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  return { ...measured, screenshot };
}
