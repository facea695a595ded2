// Integration: zizmor (PyPI, pinned in scripts/tools/requirements.txt, installed into .venv-tools
// by scripts/tools/install.sh) audits both workflows offline: no finding, at the default persona
// and at the pedantic one. And it does find the classic mistakes, so that a pass means something.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, WORKFLOW_FILES, WORKFLOWS_DIR } from "./helpers";

const ZIZMOR = path.join(ROOT, ".venv-tools", "bin", "zizmor");

function zizmor(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(ZIZMOR, ["--offline", "--no-progress", "--format", "plain", ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  // Idempotent: nothing to do when .venv-tools already holds requirements.txt.
  const install = spawnSync(path.join(ROOT, "scripts", "tools", "install.sh"), { encoding: "utf8" });
  if (install.status !== 0) throw new Error(`scripts/tools/install.sh failed:\n${install.stderr}`);
}, 120_000);

test("zizmor is the pinned version", () => {
  const pinned = /^zizmor==([\d.]+)$/m.exec(fs.readFileSync(path.join(ROOT, "scripts/tools/requirements.txt"), "utf8"));
  expect(spawnSync(ZIZMOR, ["--version"], { encoding: "utf8" }).stdout.trim()).toBe(`zizmor ${pinned?.[1]}`);
});

test.each(["regular", "pedantic"])("zizmor (%s) finds nothing in the workflows", (persona) => {
  const files = WORKFLOW_FILES.map((f) => path.join(WORKFLOWS_DIR, f));
  const { status, output } = zizmor([`--persona=${persona}`, ...files]);
  expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining("No findings to report") });
});

test("zizmor finds an unpinned action, a persisted checkout token and an injected expression", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zizmor-"));
  const file = path.join(dir, "bad.yml");
  fs.writeFileSync(
    file,
    [
      "on: pull_request",
      "permissions: {}",
      "jobs:",
      "  x:",
      "    runs-on: ubuntu-latest",
      "    permissions:",
      "      contents: read",
      "    steps:",
      "      - uses: actions/checkout@v4",
      '      - run: echo "${{ github.event.pull_request.title }}"',
      "",
    ].join("\n"),
  );
  const { status, output } = zizmor([file]);
  expect(status).not.toBe(0);
  expect(output).toContain("unpinned-uses");
  expect(output).toContain("artipacked");
  expect(output).toContain("template-injection");
});
