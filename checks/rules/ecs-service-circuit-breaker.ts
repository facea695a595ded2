// A service without the deployment circuit breaker keeps replacing tasks that never become
// healthy: a bad image or a broken health check turns a deploy into an outage that only ends
// when someone notices. AWS CDK warns about the same thing.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html
import { CheckRule } from "../rule";

export const ecsServiceCircuitBreaker: CheckRule = {
  id: "ecs-service-circuit-breaker",
  title: "an ECS service rolls back a failing deployment",
  types: ["aws_ecs_service"],
  check({ args }) {
    const breaker = args.deployment_circuit_breaker as { enable?: unknown; rollback?: unknown } | undefined;
    if (breaker?.enable === true && breaker.rollback === true) return [];
    return [
      {
        message:
          breaker?.enable === true
            ? "the deployment circuit breaker stops a failing deployment but does not roll it back"
            : "the service has no deployment circuit breaker: a deployment whose tasks never become healthy goes on replacing them",
        fix: "set `deploymentCircuitBreaker: { rollback: true }` in the service's settings",
      },
    ];
  },
};
