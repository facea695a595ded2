import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs, parseDuration, resolveStack, USAGE } from "../../release/args";
import { ReleaseError } from "../../release/errors";

/** The error a call throws: its message and exit code. */
function refusal(call: () => unknown): { message: string; exitCode: number } {
  try {
    call();
  } catch (error) {
    if (error instanceof ReleaseError) return { message: error.message, exitCode: error.exitCode };
    throw error;
  }
  throw new Error("no refusal");
}

describe("release command lines", () => {
  it("reads a stack, an image, a container and a timeout; 600 s and 10 releases by default", () => {
    expect(
      parseArgs("rollout", ["ecs-fargate-dev", "--image", "nginx:1.27.3", "--container=web", "--timeout", "2m"]),
    ).toEqual({
      stack: "ecs-fargate-dev",
      image: "nginx:1.27.3",
      container: "web",
      timeoutSeconds: 120,
      limit: 10,
    });
    expect(parseArgs("rollback", ["dev"])).toMatchObject({ stack: "dev", timeoutSeconds: 600, image: undefined });
    expect(parseArgs("releases", ["dev", "--limit", "3"])).toMatchObject({ limit: 3 });
  });

  it("acts on the note's service unless --service names another, in every command", () => {
    expect(parseArgs("rollout", ["prod"]).service).toBeUndefined();
    expect(parseArgs("rollout", ["prod", "--service", "worker", "--image", "nginx:1.27.3"])).toMatchObject({
      stack: "prod",
      service: "worker",
      image: "nginx:1.27.3",
    });
    expect(parseArgs("rollback", ["prod", "--service=worker"]).service).toBe("worker");
    expect(parseArgs("releases", ["prod", "--service", "worker", "--limit", "3"])).toMatchObject({
      service: "worker",
      limit: 3,
    });
  });

  it.each<[string, string[], string]>([
    ["rollout", [], `name the stack\n${USAGE.rollout}`],
    ["rollout", ["a", "b"], `one stack at a time, got: "a" "b"\n${USAGE.rollout}`],
    ["rollout", ["a", "--image"], `--image needs a value\n${USAGE.rollout}`],
    ["rollout", ["a", "--limit", "3"], `unknown option --limit\n${USAGE.rollout}`],
    ["rollback", ["a", "--image", "nginx:1"], `unknown option --image\n${USAGE.rollback}`],
    ["rollout", ["a", "--image", "x:1", "--image", "y:1"], `--image given twice\n${USAGE.rollout}`],
    [
      "rollout",
      ["a", "--image", ""],
      '--image must be an image reference: a repository with a tag or an @sha256: digest, got: ""',
    ],
    [
      "rollout",
      ["a", "--image", "nginx:"],
      '--image must not end with `:`: name a tag after it (or use @sha256:<digest>), got: "nginx:"',
    ],
    ["rollout", ["a", "--timeout", "0"], '--timeout must be a duration such as 600, 90s or 10m, got: "0"'],
    ["rollout", ["a", "--timeout", "1h"], '--timeout must be a duration such as 600, 90s or 10m, got: "1h"'],
    [
      "rollout",
      ["a", "--container", "a b"],
      '--container must be a container name (letters, digits, _ and -), got: "a b"',
    ],
    ["releases", ["a", "--limit", "0"], '--limit must be a whole number from 1 to 999, got: "0"'],
    ["rollout", ["a", "--service"], `--service needs a value\n${USAGE.rollout}`],
    ["rollback", ["a", "--service", "worker", "--service", "web"], `--service given twice\n${USAGE.rollback}`],
    [
      "releases",
      ["a", "--service", "aws_ecs_service.worker"],
      "--service must be a service's key in the environment's settings (worker; example, the note's, by default), got: \"aws_ecs_service.worker\"",
    ],
  ])("%s %j: refused, exit 2", (command, argv, message) => {
    expect(refusal(() => parseArgs(command as "rollout", argv))).toEqual({ message, exitCode: 2 });
  });

  it("reads durations in seconds or minutes", () => {
    expect([
      parseDuration("600", "--timeout"),
      parseDuration("90s", "--timeout"),
      parseDuration("10m", "--timeout"),
    ]).toEqual([600, 90, 600]);
  });

  describe("the stack", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "release-args-"));
    fs.writeFileSync(
      path.join(out, "manifest.json"),
      JSON.stringify({ stacks: { "ecs-fargate-dev": {}, "ecs-fargate-prod": {} } }),
    );

    it.each([
      ["ecs-fargate-prod", "ecs-fargate-prod"],
      ["dev", "ecs-fargate-dev"],
    ])("%s names %s", (wanted, stack) => {
      expect(resolveStack(wanted, out)).toBe(stack);
    });

    it("refuses an unknown stack with the list", () => {
      expect(refusal(() => resolveStack("staging", out))).toEqual({
        message: 'no stack "staging": the app has ecs-fargate-dev, ecs-fargate-prod',
        exitCode: 1,
      });
    });

    it("refuses when nothing is synthesized", () => {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), "release-args-"));
      expect(refusal(() => resolveStack("dev", empty, {}, empty)).message).toMatch(
        /^no synthesized app in .*: run npm run synth \(or npm run plan\) first$/,
      );
    });

    it("says how to reach the local endpoint when deploy:local synthesized and this shell lacks its environment", () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), "release-args-"));
      fs.mkdirSync(path.join(root, ".local", "cdktf.out"), { recursive: true });
      fs.writeFileSync(path.join(root, ".local", "cdktf.out", "manifest.json"), "{}");
      expect(refusal(() => resolveStack("dev", path.join(root, "cdktf.out"), {}, root)).message).toMatch(
        /^no synthesized app in .*: run npm run synth \(or npm run plan\) first; for the local endpoint, run eval "\$\(scripts\/emulator\/env\.sh\)" first$/,
      );
    });
  });
});
