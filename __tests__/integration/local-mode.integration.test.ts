// Integration: local mode needs no hand step. `npm run plan` of every stack against a fresh local
// endpoint succeeds: the prod stack looks its hosted zone up, and the plan first creates it on the
// emulator (once, saying so), as a real account would already have it. The plan runs in a folder of
// its own (PLAN_REVIEW_ROOT) whose app command synthesizes this checkout's app.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ListHostedZonesByNameCommand, Route53Client } from "@aws-sdk/client-route-53";
import { Emulator, startEmulator } from "../helpers/emulator";
import { ROOT } from "../helpers/terraform";

jest.setTimeout(400_000);

const CREATED =
  "local mode: created the Route 53 hosted zone example.com on the emulator, which ecs-fargate-prod looks up " +
  "(a real account already has it)";

describe("npm run plan against a fresh local endpoint (integration)", () => {
  let emulator: Emulator;
  let root: string;

  const plan = (...stacks: string[]) => {
    const result = spawnSync(
      path.join(ROOT, "scripts", "with-terraform.sh"),
      ["node", path.join(ROOT, "scripts", "run-app.js"), path.join(ROOT, "plan-review", "plan.ts"), ...stacks],
      {
        cwd: ROOT,
        env: { ...process.env, ...emulator.env, PLAN_REVIEW_ROOT: root, CHECKPOINT_DISABLE: "1" },
        encoding: "utf8",
      },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const zones = async () => {
    const route53 = new Route53Client({ ...emulator.client, region: "us-east-1" });
    try {
      const { HostedZones = [] } = await route53.send(new ListHostedZonesByNameCommand({}));
      return HostedZones.map((z) => z.Name);
    } finally {
      route53.destroy();
    }
  };

  beforeAll(async () => {
    emulator = await startEmulator();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "local-mode-"));
    // As scripts/emulator/start.sh leaves a checkout: .local/ exists (the app makes only its last folder).
    fs.mkdirSync(path.join(root, ".local"));
    fs.writeFileSync(
      path.join(root, "cdktf.json"),
      JSON.stringify({ app: `cd ${JSON.stringify(ROOT)} && node scripts/run-app.js` }),
    );
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it("plans every stack with no hand step, creating prod's hosted zone first and saying so once", async () => {
    expect(await zones()).toEqual([]);
    const first = plan();
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 2, stderr: "" });
    expect(first.stdout.split("\n").filter((line) => line.startsWith("local mode:"))).toEqual([CREATED]);
    expect(first.stdout).toMatch(/^ecs-fargate-dev: \d+ to add, 0 to change, 0 to replace, 0 to destroy\./m);
    expect(first.stdout).toMatch(/^ecs-fargate-prod: \d+ to add, 0 to change, 0 to replace, 0 to destroy\./m);
    expect(await zones()).toEqual(["example.com."]);
  });

  it("creates nothing the next time: the zone is there (the same step deploy:local runs after its synth)", async () => {
    // What `npm run plan` and scripts/deploy-local.sh run before Terraform, on the folder the plan synthesized.
    const again = spawnSync(
      "node",
      [
        path.join(ROOT, "scripts", "run-app.js"),
        path.join(ROOT, "scripts", "emulator", "lookups-cli.ts"),
        path.join(root, ".local", "cdktf.out"),
        "ecs-fargate-prod",
      ],
      { cwd: ROOT, env: { ...process.env, ...emulator.env }, encoding: "utf8" },
    );
    expect({ status: again.status, stdout: again.stdout, stderr: again.stderr }).toEqual({
      status: 0,
      stdout: "",
      stderr: "",
    });
    expect(await zones()).toEqual(["example.com."]);
  });
});
