import { dev } from "../../config/environments/dev";
import { prod } from "../../config/environments/prod";
import { globalNames } from "../../preflight/checks";
import { delegation, parentZoneName } from "../../preflight/dns";
import { environmentNamed } from "../../preflight/environment";
import { dockerHubImages, fromDockerHub } from "../../preflight/images";
import { describeChecks, exitCode } from "../../preflight/report";

describe("preflight", () => {
  describe("images from Docker Hub", () => {
    it.each([
      "nginx",
      "nginx:latest",
      "nginx:1.27.3",
      "library/nginx:1.27",
      "bitnami/nginx:1.27",
      "docker.io/library/nginx",
      "index.docker.io/nginx:1",
    ])("%s comes from Docker Hub", (image) => expect(fromDockerHub(image)).toBe(true));
    it.each([
      "public.ecr.aws/docker/library/nginx:1.27.3",
      "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/web:2026-11-27",
      "ghcr.io/owner/app@sha256:0123",
      "localhost/app:1",
      "registry.local:5000/app:1",
    ])("%s names its registry", (image) => expect(fromDockerHub(image)).toBe(false));

    it("lists the Docker Hub images of a task definition's containers", () => {
      const definitions = JSON.stringify([
        { name: "app", image: "public.ecr.aws/docker/library/nginx:1.27.3" },
        { name: "sidecar", image: "busybox:1.36" },
      ]);
      expect(dockerHubImages(definitions)).toEqual(["busybox:1.36"]);
    });
  });

  describe("zone delegation", () => {
    const zone = ["ns-1.awsdns-01.org.", "ns-2.awsdns-02.com"];
    it("is delegated when the parent's NS record names the zone's servers, in any order and case", () => {
      expect(delegation(zone, ["NS-2.awsdns-02.com.", "ns-1.awsdns-01.org"])).toEqual({ verdict: "delegated" });
    });
    it("is not delegated when the parent has no NS record or other servers", () => {
      expect(delegation(zone, [])).toEqual({ verdict: "not delegated", parentNameServers: [] });
      expect(delegation(zone, ["ns-9.other.net"])).toEqual({
        verdict: "not delegated",
        parentNameServers: ["ns-9.other.net"],
      });
    });
    it("cannot be told when the parent is not in the account", () => {
      expect(delegation(zone, undefined)).toEqual({ verdict: "cannot tell" });
    });
    it.each([
      ["app.example.com", "example.com"],
      ["app.example.com.", "example.com"],
      ["example.com", undefined],
    ])("the parent of %s is %s", (name, parent) => expect(parentZoneName(name)).toBe(parent));
  });

  describe("global names", () => {
    it("are the access-log bucket's name in the account; the note's dev has none", () => {
      expect(globalNames(prod, "123456789012")).toEqual(["example-prod-alb-logs-123456789012"]);
      expect(globalNames(dev, "123456789012")).toEqual([]);
    });
  });

  describe("the command line", () => {
    it("finds an environment by stack name or environment name", () => {
      expect(environmentNamed([dev, prod], ["ecs-fargate-prod"], "u")).toBe(prod);
      expect(environmentNamed([dev, prod], ["dev"], "u")).toBe(dev);
    });
    it.each<[string[], string]>([
      [[], "usage: npm run preflight -- <stack or environment>"],
      [["dev", "prod"], "usage: npm run preflight -- <stack or environment>"],
      [
        ["staging"],
        'no stack or environment is named "staging": one of ecs-fargate-dev (dev), ecs-fargate-prod (prod)',
      ],
    ])("rejects %j", (args, message) => {
      expect(environmentNamed([dev, prod], args, "npm run preflight -- <stack or environment>")).toBe(message);
    });
  });

  describe("the report", () => {
    const ok = { check: "account and region", status: "ok" as const, detail: "account 1" };
    const blocker = { check: "images", status: "blocker" as const, detail: "nginx:latest" };
    it("prints one line per check and the verdict; exits 1 on a blocker", () => {
      expect(describeChecks("s", [ok, blocker])).toBe(
        "[ok         ] account and region  account 1\n[BLOCKER    ] images              nginx:latest\ns: 1 blocker: fix before the first deploy\n",
      );
      expect(exitCode([ok, blocker])).toBe(1);
    });
    it("exits 0 with warnings and cannot-tells only", () => {
      const results = [ok, { check: "zone delegation", status: "cannot tell" as const, detail: "?" }];
      expect(exitCode(results)).toBe(0);
      expect(describeChecks("s", results).trim().split("\n").at(-1)).toBe(
        "s: no blocker; deploy when the warnings are understood",
      );
    });
  });
});
