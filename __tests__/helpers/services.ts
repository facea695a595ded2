// The tests' own targets and services, for the stack tests of the shapes issue 17 added: a second
// target on the port `nginx-admin-port.json` maps, and a worker of `worker.json`.
import { EnvironmentSettings } from "../../config";
import { fixtureFile } from "./container-definitions";
import { settingsWith } from "./settings";

/** The note's one target: container example on port 80, every path, priority 100. */
export const NOTE_TARGET = { containerName: "example", containerPort: 80 };

/** A second target: /admin/* on port 8081, before the note's rule of every path. */
export const ADMIN_TARGET = {
  name: "admin",
  containerName: "example",
  containerPort: 8081,
  pathPatterns: ["/admin/*"],
  priority: 10,
};

/** The fixture file that maps 80 and 8081, as messages name it. */
export const TWO_PORTS_FILE = "__tests__/fixtures/container-definitions/nginx-admin-port.json";

/** dev with the tests' own container, which maps 80 and 8081. */
export function withTwoPorts(base?: EnvironmentSettings): EnvironmentSettings {
  return settingsWith({ taskDefinition: { containerDefinitionsFile: fixtureFile("nginx-admin-port") } }, base);
}

/** A service of its own with one container and no port: no load balancer reaches it. */
export const WORKER = {
  taskDefinition: { containerDefinitionsFile: fixtureFile("worker") },
  service: { desiredCount: 1 },
};
