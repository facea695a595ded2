import { CheckRule } from "../rule";
import { containerImageTag } from "./container-image-tag";
import { ecsServiceCircuitBreaker } from "./ecs-service-circuit-breaker";
import { iamWildcardResource } from "./iam-wildcard-resource";
import { logRetention } from "./log-retention";
import { openIngress } from "./open-ingress";

/** Every rule the synth runs, in the order their warnings print. */
export const RULES: readonly CheckRule[] = [
  ecsServiceCircuitBreaker,
  iamWildcardResource,
  openIngress,
  logRetention,
  containerImageTag,
];
