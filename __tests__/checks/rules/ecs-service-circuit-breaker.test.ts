import { ecsServiceCircuitBreaker } from "../../../checks/rules/ecs-service-circuit-breaker";

const check = (args: Record<string, unknown>) =>
  ecsServiceCircuitBreaker.check({ mode: "resource", type: "aws_ecs_service", args });

describe("ecs-service-circuit-breaker", () => {
  it("passes a service that rolls back a failing deployment", () => {
    expect(check({ deployment_circuit_breaker: { enable: true, rollback: true } })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      "no circuit breaker",
      {},
      "the service has no deployment circuit breaker: a deployment whose tasks never become healthy goes on replacing them",
    ],
    [
      "a breaker without rollback",
      { deployment_circuit_breaker: { enable: true, rollback: false } },
      "the deployment circuit breaker stops a failing deployment but does not roll it back",
    ],
  ])("flags %s", (_, args, message) => {
    expect(check(args)).toEqual([
      { message, fix: "set `deploymentCircuitBreaker: { rollback: true }` in the service's settings" },
    ]);
  });
});
