"""moto's server, with what the stacks send kept as AWS keeps it.

Each fix below keeps a value the caller sent, or evaluates a rule the way AWS does, where
moto 5.2 drops or mangles it; nothing else of moto changes, and nothing is hidden from a
plan. Each has a test (`__tests__/integration/emulator.integration.test.ts`) that shows
plain moto's behaviour next to the launcher's, so a fix can go once moto does it itself.

- ECS services: moto answers CreateService but drops `healthCheckGracePeriodSeconds`,
  `availabilityZoneRebalancing`, `deploymentConfiguration` (the circuit breaker and the
  healthy percents) and `enableExecuteCommand`: DescribeServices returns none of them, so a
  plan right after apply showed drift on each although nothing changed. UpdateService needs
  no help: moto copies every parameter it is sent onto the service.
- Application Auto Scaling: moto implements no ListTagsForResource, TagResource or
  UntagResource, and answers them with HTTP 500: the provider reads a scalable target's
  tags (the default tags) after creating it and retries for many minutes. The launcher keeps
  the tags RegisterScalableTarget was sent and answers the three calls.
- S3 bucket policies: moto ignores a statement's `Bool` condition, so a TLS-only policy
  (Deny when `aws:SecureTransport` is false) denies every object request, even over TLS.
  The launcher evaluates `aws:SecureTransport` from the request's scheme, as AWS does: such
  a policy denies plain HTTP and lets HTTPS through. The emulator serves HTTPS (tls.py).

- IAM resources under IAM enforcement (INITIAL_NO_AUTH_ACTION_COUNT, `/moto-api/reset-auth`):
  moto authorizes an IAM request on the role's ARN only when the role already exists, and on
  `*` otherwise (CreateRole) and for every policy action (CreatePolicy, DeletePolicy, ...), so
  a statement scoped to the role or policy ARN, as AWS documents it, denies them. The launcher
  authorizes them on the ARN AWS uses: the role's (from RoleName and Path), the policy's (from
  PolicyArn, or PolicyName and Path). Conditions and most services' resources stay unchecked:
  that is moto's own limit, said in the README.

Run it like moto_server: `python moto_server.py -H 127.0.0.1 -p 5000 [-c cert.pem -k key.pem]`.
MOTO_PLAIN=1 runs moto unchanged, to see the gaps for yourself.
"""

import json
import os
import sys
import threading

from moto.ecs.responses import EC2ContainerServiceResponse
from moto.iam.responses import IamResponse
from moto.iam.access_control import IAMPolicyStatement, PermissionResult
from moto.s3.models import FakeBucket
from moto.s3.responses import S3Response
from moto.server import main


def keep_service_fields() -> None:
    create_service = EC2ContainerServiceResponse.create_service

    def create_service_keeping_fields(self):  # type: ignore[no-untyped-def]
        result = create_service(self)
        service = self.ecs_backend._get_service(self._get_param("cluster", "default"), self._get_param("serviceName"))
        service.health_check_grace_period_seconds = self._get_param("healthCheckGracePeriodSeconds")
        service.availability_zone_rebalancing = self._get_param("availabilityZoneRebalancing")
        if self._get_param("deploymentConfiguration") is not None:
            service.deployment_configuration = self._get_param("deploymentConfiguration")
        service.enable_execute_command = bool(self._get_param("enableExecuteCommand", False))
        return result

    EC2ContainerServiceResponse.create_service = create_service_keeping_fields


def keep_scalable_target_tags() -> None:
    from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse

    tags: dict = {}
    register = ApplicationAutoScalingResponse.register_scalable_target

    def register_keeping_tags(self):  # type: ignore[no-untyped-def]
        result = register(self)
        arn = json.loads(result)["ScalableTargetARN"]
        tags.setdefault(arn, {}).update(self._get_param("Tags") or {})
        return result

    def list_tags_for_resource(self):  # type: ignore[no-untyped-def]
        return json.dumps({"Tags": tags.get(self._get_param("ResourceARN"), {})})

    def tag_resource(self):  # type: ignore[no-untyped-def]
        tags.setdefault(self._get_param("ResourceARN"), {}).update(self._get_param("Tags") or {})
        return "{}"

    def untag_resource(self):  # type: ignore[no-untyped-def]
        for key in self._get_param("TagKeys") or []:
            tags.get(self._get_param("ResourceARN"), {}).pop(key, None)
        return "{}"

    ApplicationAutoScalingResponse.register_scalable_target = register_keeping_tags
    ApplicationAutoScalingResponse.list_tags_for_resource = list_tags_for_resource
    ApplicationAutoScalingResponse.tag_resource = tag_resource
    ApplicationAutoScalingResponse.untag_resource = untag_resource


_request = threading.local()


def _conditions_hold(conditions: dict, secure: bool) -> bool:
    """`Bool` on `aws:SecureTransport` as AWS evaluates it; any other condition as moto does (ignored)."""
    for operator, pairs in (conditions or {}).items():
        for key, expected in pairs.items():
            if operator == "Bool" and key.lower() == "aws:securetransport":
                wanted = [str(v).lower() for v in (expected if isinstance(expected, list) else [expected])]
                if ("true" if secure else "false") not in wanted:
                    return False
    return True


def evaluate_secure_transport() -> None:
    key_response = S3Response._key_response

    def key_response_noting_scheme(self, request, full_url):  # type: ignore[no-untyped-def]
        scheme = getattr(request, "scheme", None) or full_url.split("://", 1)[0]
        _request.secure = scheme == "https"
        try:
            return key_response(self, request, full_url)
        finally:
            _request.secure = None

    def get_permission(self, action, resource):  # type: ignore[no-untyped-def]
        if self.policy is None:
            return PermissionResult.NEUTRAL
        statements = json.loads(self.policy).get("Statement", [])
        if isinstance(statements, dict):
            statements = [statements]
        secure = bool(getattr(_request, "secure", False))
        result = PermissionResult.NEUTRAL
        for statement in statements:
            # A statement whose condition does not hold does not apply (moto would deny).
            if not _conditions_hold(statement.get("Condition"), secure):
                continue
            unconditional = {k: v for k, v in statement.items() if k != "Condition"}
            permission = IAMPolicyStatement(unconditional).is_action_permitted(action, resource)
            if permission == PermissionResult.DENIED:
                return PermissionResult.DENIED
            if permission == PermissionResult.PERMITTED:
                result = PermissionResult.PERMITTED
        return result

    S3Response._key_response = key_response_noting_scheme
    FakeBucket.get_permission = get_permission


def authorize_iam_on_arns() -> None:
    determine = IamResponse._determine_resource

    def param(self, name):  # type: ignore[no-untyped-def]
        value = self.data.get(name)
        return value[0] if isinstance(value, list) and value else value

    def determine_resource(self):  # type: ignore[no-untyped-def]
        known = determine(self)
        if known != "*":
            return known
        account = self.current_account
        path = param(self, "Path") or "/"
        role = param(self, "RoleName")
        if role:
            return f"arn:aws:iam::{account}:role{path}{role}"
        arn = param(self, "PolicyArn")
        if arn:
            return arn
        policy = param(self, "PolicyName")
        if policy and self._get_action() == "CreatePolicy":
            return f"arn:aws:iam::{account}:policy{path}{policy}"
        return "*"

    IamResponse._determine_resource = determine_resource


if __name__ == "__main__":
    # Without the managed policies, data "aws_iam_policy" for AmazonECSTaskExecutionRolePolicy fails.
    os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
    if os.environ.get("MOTO_PLAIN", os.environ.get("MOTO_ECS_PLAIN")) != "1":
        keep_service_fields()
        keep_scalable_target_tags()
        evaluate_secure_transport()
        authorize_iam_on_arns()
    main(sys.argv[1:])
