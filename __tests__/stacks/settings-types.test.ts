// Every setting's type is checked before any construct runs (config/schema.ts): the app is
// bundled without type-checking, so these are what a settings file with a type error gives.
import { EnvironmentSettings } from "../../config";
import { dev } from "../../config/environments/dev";
import { prod } from "../../config/environments/prod";
import { addEnvironmentStacks } from "../../stacks/app";
import { settingsWith } from "../helpers/settings";
import { capturedStderr, synthesizeInFolder } from "../helpers/synth";

/** Settings as a file with a type error holds them: any value anywhere. */
const broken = (patch: Record<string, unknown>, base: EnvironmentSettings = dev) => settingsWith(patch, base);

describe("the settings' types", () => {
  const stderr = capturedStderr();

  const synth = (environments: readonly EnvironmentSettings[]) => {
    const { printed, ...rest } = synthesizeInFolder((app) => addEnvironmentStacks(app, environments, {}), stderr());
    return { ...rest, printed };
  };

  it.each<[string, EnvironmentSettings, string]>([
    [
      "a string where a list belongs",
      broken({ network: { publicSubnetCidrs: "10.0.1.0/24" } }),
      'config/environments/dev.ts: `network.publicSubnetCidrs` must be a list of strings, got: "10.0.1.0/24" (a string, expected a list)',
    ],
    [
      "a number that is NaN",
      broken({ service: { desiredCount: NaN } }),
      "config/environments/dev.ts: `service.desiredCount` must be a number, got: NaN (not a number, expected a number)",
    ],
    [
      "a number that is Infinity",
      broken({ service: { healthCheckGracePeriodSeconds: Infinity } }),
      "config/environments/dev.ts: `service.healthCheckGracePeriodSeconds` must be a number, got: Infinity (an infinite number, expected a number)",
    ],
    [
      "a missing group",
      broken({ logs: undefined }),
      "config/environments/dev.ts: `logs` is required, got: undefined (missing, expected an object)",
    ],
    [
      "a missing required setting in a group",
      broken({ cluster: { name: undefined } }),
      "config/environments/dev.ts: `cluster.name` is required, got: undefined (missing, expected a string)",
    ],
    [
      "a group that is null",
      broken({ taskExecutionRole: null }),
      "config/environments/dev.ts: `taskExecutionRole` must be an object, got: null (null, expected an object)",
    ],
    [
      "a number written as a string",
      broken({ taskDefinition: { cpu: "256" } }),
      'config/environments/dev.ts: `taskDefinition.cpu` must be a number, got: "256" (a string, expected a number)',
    ],
    [
      "a boolean written as a string",
      broken({ loadBalancer: { deletionProtection: "yes" } }),
      'config/environments/dev.ts: `loadBalancer.deletionProtection` must be true or false, got: "yes" (a string, expected a boolean)',
    ],
    [
      "a list item of the wrong type",
      broken({ network: { availabilityZones: ["ap-northeast-1a", 3] } }),
      "config/environments/dev.ts: `network.availabilityZones[1]` must be a string, got: 3 (a number, expected a string)",
    ],
    [
      "a value outside a fixed set",
      broken({ cluster: { terraformNames: "mine" } }),
      'config/environments/dev.ts: `cluster.terraformNames` must be "note" or "own", got: "mine" (a string, expected one of "note" or "own")',
    ],
    [
      "a misspelt setting",
      broken({ service: { desiredcount: 3 } }),
      "config/environments/dev.ts: `service.desiredcount` is not a known setting (did you mean `desiredCount`?), got: 3",
    ],
    [
      "an unknown group",
      broken({ autoscale: { minCapacity: 1 } }),
      'config/environments/dev.ts: `autoscale` is not a known setting (did you mean `autoscaling`?), got: {"minCapacity":1}',
    ],
    [
      "a named entry of the wrong type (prod's secrets)",
      broken({ secrets: { secrets: { APP_SECRET: { valueFrom: 42 } } } }, prod),
      "config/environments/prod.ts: `secrets.secrets.APP_SECRET.valueFrom` must be a string, got: 42 (a number, expected a string)",
    ],
    [
      "an IAM statement whose actions are a string",
      broken({ taskExecutionRole: { extraStatements: [{ actions: "ssm:GetParameters", resources: ["*"] }] } }),
      'config/environments/dev.ts: `taskExecutionRole.extraStatements[0]` must have `actions` as a list of strings, got: {"actions":"ssm:GetParameters","resources":["*"]}',
    ],
    [
      "an acknowledgement without a reason",
      broken({ checks: { acknowledgements: [{ rule: "log-retention", address: "aws_x.y" }] } }),
      "config/environments/dev.ts: `checks.acknowledgements[0].reason` is required, got: undefined (missing, expected a string)",
    ],
    [
      "targets as one object",
      broken({ service: { targets: { containerName: "example", containerPort: 80 } } }),
      'config/environments/dev.ts: `service.targets` must be a list of objects, got: {"containerName":"example","containerPort":80} (an object, expected a list)',
    ],
    [
      "no target",
      broken({ service: { targets: [] } }),
      "config/environments/dev.ts: `service.targets` must not be empty, got: []",
    ],
    [
      "an ingress source the stack does not know",
      broken({ service: { ingressFrom: "internet" } }),
      'config/environments/dev.ts: `service.ingressFrom` must be "load-balancer" or "vpc", got: "internet" (a string, expected one of "load-balancer" or "vpc")',
    ],
    [
      "the one load-balanced container of before",
      broken({ service: { loadBalancedContainer: { containerName: "example", containerPort: 80 } } }),
      'config/environments/dev.ts: `service.loadBalancedContainer` is not a known setting: it moved to `service.targets`, got: {"containerName":"example","containerPort":80}',
    ],
    [
      "the load balancer's one health check of before",
      broken({ loadBalancer: { healthCheck: { path: "/" } } }),
      'config/environments/dev.ts: `loadBalancer.healthCheck` is not a known setting: it moved to `service.targets[].healthCheck`, got: {"path":"/"}',
    ],
    [
      "an egress port of before (prod)",
      broken({ service: { securityGroup: { egress: { port: 443 } } } }, prod),
      "config/environments/prod.ts: `service.securityGroup.egress.port` is not a known setting: it moved to `ports`, got: 443",
    ],
    [
      "another service's desired count as a string",
      broken({
        services: {
          worker: { taskDefinition: { containerDefinitionsFile: "w.json" }, service: { desiredCount: "1" } },
        },
      }),
      'config/environments/dev.ts: `services.worker.service.desiredCount` must be a number, got: "1" (a string, expected a number)',
    ],
    [
      "another service without its task definition",
      broken({ services: { worker: { service: {} } } }),
      "config/environments/dev.ts: `services.worker.taskDefinition` is required, got: undefined (missing, expected an object)",
    ],
    [
      "another service's family, which its key makes",
      broken({
        services: { worker: { taskDefinition: { containerDefinitionsFile: "w.json", family: "worker" }, service: {} } },
      }),
      'config/environments/dev.ts: `services.worker.taskDefinition.family` is not a setting here: it is `<taskDefinition.family>-<key>`, made from the note\'s and the key, got: "worker"',
    ],
  ])("%s: one line under the setting's path, and nothing written", (_, settings, line) => {
    const { ok, files, printed } = synth([settings]);
    expect(ok).toBe(false);
    expect(printed).toBe(`1 problem in the stack's input; nothing was synthesized:\n  ${line}\n`);
    expect(files).toEqual([]);
    expect(process.exitCode).toBe(1);
  });

  it("reports every type problem of an environment, and the other environments' problems beside them", () => {
    const { ok, printed } = synth([
      broken({ region: 1, network: { cidrBlock: ["10.0.0.0/16"] } }),
      broken({ service: { desiredCount: -1 } }, prod),
    ]);
    expect(ok).toBe(false);
    expect(printed).toBe(
      "3 problems in the stack's input; nothing was synthesized:\n" +
        "  config/environments/dev.ts: `region` must be a string, got: 1 (a number, expected a string)\n" +
        '  config/environments/dev.ts: `network.cidrBlock` must be a string, got: ["10.0.0.0/16"] (a list, expected a string)\n' +
        "  config/environments/prod.ts: `service.desiredCount` must be a whole number from 0, got: -1\n",
    );
  });

  it("accepts both environments as written", () => {
    expect(synth([dev, prod]).ok).toBe(true);
  });
});
