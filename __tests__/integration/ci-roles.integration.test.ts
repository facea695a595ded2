// Integration: the CI roles on a local endpoint that enforces IAM. The CI-roles app is applied
// (as an administrator would, before enforcement), the roles' credentials are taken through
// AssumeRoleWithWebIdentity, then moto is told to check every request against the caller's
// policies (`/moto-api/reset-auth`, as INITIAL_NO_AUTH_ACTION_COUNT does at start). With the
// plan role, the dev stack plans and its apply is denied; with dev's deploy role, it applies; the
// plan role then plans the deployed stack (refreshing every resource) with no change, and plans the
// prod stack (its lookups: the hosted zone, the managed policies, the account) as the pull request's job does.
// What moto enforces (moto/iam/access_control.py): the Action of identity policies, Deny before
// Allow, on every service's API; the Resource only for IAM role actions, STS AssumeRole and S3
// bucket/object ARNs; no Condition (no request context), no resource policies, no trust policy
// of a web identity (AssumeRoleWithWebIdentity takes any token), no iam:PassRole. So this proves
// the action lists; the conditions and resource scopes are proven by the unit tests only.
// The dev stack keeps local state here: moto names several S3 actions after the API, not IAM
// (ListObjectsV2, HeadBucket), which would deny the state reads an S3 backend makes.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CreateHostedZoneCommand, Route53Client } from "@aws-sdk/client-route-53";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { prod } from "../../config/environments/prod";
import { Emulator, startEmulator } from "../helpers/emulator";
import { ROOT, synthesizeApp, terraform, terraformOk } from "../helpers/terraform";
import { spawnSync } from "child_process";

jest.setTimeout(420_000);

const STATE_BUCKET = "ci-test-tfstate";

/** A copy of a synthesized stack whose provider takes its credentials from the environment (the role's). */
function withRoleCredentials(stackDir: string, name: string): string {
  const dir = path.join(path.dirname(path.dirname(path.dirname(stackDir))), name, "stacks", path.basename(stackDir));
  fs.mkdirSync(dir, { recursive: true });
  const json = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
  for (const provider of json.provider.aws) {
    delete provider.access_key;
    delete provider.secret_key;
  }
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json));
  return dir;
}

/** The SDK's service names in Terraform's errors, where they differ from IAM's action prefixes. */
const IAM_PREFIX: Record<string, string> = {
  "cloudwatch logs": "logs",
  "elastic load balancing v2": "elasticloadbalancing",
  "application auto scaling": "application-autoscaling",
};

/**
 * What AWS refused in Terraform's errors, one `<service>:<Operation>: HTTP <status>` each (the
 * errors also print the whole configuration), and any other error line as it is.
 */
function denials(stderr: string): string[] {
  const found = new Set<string>();
  for (const line of stderr.split("\n")) {
    const denied = /operation error ([\w .-]+?): (\w+), https response error StatusCode: (\d+)/.exec(line);
    if (denied) {
      const sdkName = (denied[1] ?? "").toLowerCase();
      const service = IAM_PREFIX[sdkName] ?? sdkName.replace(/ /g, "");
      found.add(`${service}:${denied[2]}: HTTP ${denied[3]}`);
    } else if (/^Error: /.test(line.trim())) found.add(line.trim());
  }
  return [...found].sort();
}

describe("the CI roles on an endpoint that enforces IAM (integration)", () => {
  let emulator: Emulator;
  let roles: Record<string, string>;
  const credentials: Record<string, NodeJS.ProcessEnv> = {};
  let planDir: string;
  let deployDir: string;
  let prodPlanDir: string;

  const as = (role: string, dir: string, args: string[]) =>
    terraform(dir, [...args, "-no-color"], { ...emulator.env, ...credentials[role] });

  beforeAll(async () => {
    emulator = await startEmulator({ env: { MOTO_ACM_VALIDATION_WAIT: "1" } });
    const env = { ...emulator.env, TF_STATE_BUCKET: STATE_BUCKET };
    // The CI-roles app, applied by an administrator before any role exists.
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ci-roles-")), "cdktf.out");
    const synth = spawnSync(
      "node",
      [path.join(ROOT, "scripts", "run-app.js"), path.join(ROOT, "ci-roles", "main.ts")],
      {
        cwd: ROOT,
        env: { ...process.env, ...env, CDKTF_OUTDIR: out },
        encoding: "utf8",
      },
    );
    if (synth.status !== 0) throw new Error(`ci-roles synth failed:\n${synth.stderr}`);
    const ciRoles = path.join(out, "stacks", "ci-roles");
    terraformOk(ciRoles, ["init", "-input=false", "-no-color"], env);
    terraformOk(ciRoles, ["apply", "-input=false", "-auto-approve", "-no-color"], env);
    const outputs = JSON.parse(terraformOk(ciRoles, ["output", "-json"], env).stdout);
    roles = { plan: outputs.plan_role_arn.value, deploy: outputs.deploy_role_arn_dev.value };

    // GitHub's token, as a workflow gets it (moto does not check it).
    const sts = new STSClient(emulator.client);
    for (const [name, arn] of Object.entries(roles)) {
      const { Credentials } = await sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: arn,
          RoleSessionName: `ci-${name}`,
          WebIdentityToken: "github-oidc-token",
        }),
      );
      credentials[name] = {
        AWS_ACCESS_KEY_ID: Credentials?.AccessKeyId,
        AWS_SECRET_ACCESS_KEY: Credentials?.SecretAccessKey,
        AWS_SESSION_TOKEN: Credentials?.SessionToken,
      };
    }
    sts.destroy();

    // The dev stack as CI synthesizes it, in two copies (the plan job's and the deploy job's) sharing one local state.
    const dev = synthesizeApp(emulator.env);
    planDir = withRoleCredentials(dev, "plan-job");
    deployDir = withRoleCredentials(dev, "deploy-job");
    // The prod stack of the same synth, as the plan job plans every stack. Its hosted zone exists before
    // any stack, as a registered domain's does.
    prodPlanDir = withRoleCredentials(path.join(path.dirname(dev), "ecs-fargate-prod"), "plan-job");
    const route53 = new Route53Client({ ...emulator.client, region: "us-east-1" });
    await route53.send(
      new CreateHostedZoneCommand({ Name: prod.loadBalancer.https?.dns.zoneName, CallerReference: "ci-roles-test" }),
    );
    route53.destroy();
    for (const dir of [planDir, deployDir, prodPlanDir]) {
      terraformOk(dir, ["init", "-input=false", "-no-color"], emulator.env);
    }
    await emulator.enforceIam(0);
  });

  afterAll(async () => {
    if (emulator) await emulator.enforceIam("never").catch(() => undefined);
    await emulator?.stop();
  });

  it("control: with IAM enforced, credentials that are no IAM identity are refused", () => {
    const refused = terraform(planDir, ["plan", "-input=false", "-no-color"], emulator.env);
    expect(refused.status).toBe(1);
    expect(denials(refused.stderr)).toEqual(["iam:GetPolicy: HTTP 403"]);
  });

  it("the plan role plans the dev stack", () => {
    const plan = as("plan", planDir, ["plan", "-input=false", "-detailed-exitcode", "-out=ci.tfplan"]);
    expect(denials(plan.stderr)).toEqual([]);
    expect(plan.status).toBe(2);
  });

  it("the plan role plans the prod stack: every lookup allowed", () => {
    const plan = as("plan", prodPlanDir, ["plan", "-input=false", "-detailed-exitcode", "-out=ci.tfplan"]);
    expect(denials(plan.stderr)).toEqual([]);
    expect(plan.status).toBe(2);
    expect(plan.stdout).toContain("data.aws_route53_zone.");
  });

  it("the plan role cannot apply: AWS denies its first write", () => {
    const apply = as("plan", planDir, ["apply", "-input=false", "-auto-approve", "ci.tfplan"]);
    expect(apply.status).toBe(1);
    const denied = denials(apply.stderr).filter((d) => d.endsWith(": HTTP 403"));
    expect(denied.length).toBeGreaterThan(0);
    // Every refusal is of a write: the reads the apply makes first were allowed.
    expect(
      denied.filter((d) => !/^[\w-]+:(Create|Allocate|Register|Put|Attach|Authorize)\w*: HTTP 403$/.test(d)),
    ).toEqual([]);
  });

  it("dev's deploy role applies the dev stack", () => {
    const plan = as("deploy", deployDir, ["plan", "-input=false", "-out=deploy.tfplan"]);
    expect(denials(plan.stderr)).toEqual([]);
    const apply = as("deploy", deployDir, ["apply", "-input=false", "-auto-approve", "deploy.tfplan"]);
    expect(denials(apply.stderr)).toEqual([]);
    expect(apply.status).toBe(0);
    expect(apply.stdout).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
  });

  it("the plan role refreshes every deployed resource and plans no change", () => {
    // Both jobs' copies name the same local state file (beside their output folders), as CI's share the bucket's.
    const plan = as("plan", planDir, ["plan", "-input=false", "-detailed-exitcode"]);
    expect(denials(plan.stderr)).toEqual([]);
    expect(plan.status).toBe(0);
  });
});
