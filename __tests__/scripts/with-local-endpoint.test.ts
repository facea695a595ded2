// scripts/with-local-endpoint.sh: a command uses the endpoint `npm run deploy:local` started only
// when the shell points at no AWS at all, and says so; any AWS configuration leaves it alone.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

describe("with-local-endpoint.sh", () => {
  let root: string;
  let home: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "local-endpoint-"));
    home = fs.mkdtempSync(path.join(os.tmpdir(), "local-endpoint-home-"));
    fs.mkdirSync(path.join(root, "scripts", "emulator"), { recursive: true });
    fs.copyFileSync(path.join(ROOT, "scripts", "with-local-endpoint.sh"), path.join(root, "scripts", "w.sh"));
    fs.copyFileSync(path.join(ROOT, "scripts", "emulator", "env.sh"), path.join(root, "scripts", "emulator", "env.sh"));
    fs.mkdirSync(path.join(root, ".local"));
    fs.writeFileSync(path.join(root, ".local", "emulator.url"), "https://127.0.0.1:4566\n");
    fs.writeFileSync(path.join(root, ".local", "emulator.pid"), `${process.pid}\n`); // a live process
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
  });

  /** Runs `printenv AWS_ENDPOINT_URL` through the script, with only PATH and HOME plus `extra`. */
  const run = (extra: NodeJS.ProcessEnv = {}) =>
    spawnSync("bash", [path.join(root, "scripts", "w.sh"), "printenv", "AWS_ENDPOINT_URL"], {
      env: { PATH: process.env.PATH, HOME: home, ...extra },
      encoding: "utf8",
    });

  it("points a shell with no AWS configuration at the running local endpoint, and says so", () => {
    const result = run();
    expect(result.stdout).toBe("https://127.0.0.1:4566\n");
    expect(result.stderr).toBe(
      "no AWS configuration in this shell: using the local endpoint npm run deploy:local started (https://127.0.0.1:4566)\n",
    );
  });

  it.each<[string, NodeJS.ProcessEnv | (() => void)]>([
    ["credentials in the environment", { AWS_ACCESS_KEY_ID: "AKIAEXAMPLE" }],
    ["a profile", { AWS_PROFILE: "team" }],
    ["an endpoint of its own", { AWS_ENDPOINT_URL: "https://elsewhere.example" }],
    [
      "a credentials file",
      () => {
        fs.mkdirSync(path.join(home, ".aws"));
        fs.writeFileSync(path.join(home, ".aws", "credentials"), "");
      },
    ],
  ])("leaves a shell with %s alone", (_, setup) => {
    const extra = typeof setup === "function" ? (setup(), {}) : setup;
    const result = run(extra);
    expect(result.stdout).toBe(extra.AWS_ENDPOINT_URL ? `${extra.AWS_ENDPOINT_URL}\n` : "");
    expect(result.stderr).toBe("");
  });

  it("leaves the shell alone when the endpoint is not running", () => {
    fs.writeFileSync(path.join(root, ".local", "emulator.pid"), "999999\n");
    expect(run().stdout).toBe("");
  });
});
