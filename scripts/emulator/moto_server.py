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

Test-only, with MOTO_TEST_CONTROL=1 (never in `npm run deploy:local`): `hold_requests_for_tests`
lets a test hold one AWS call open, so that it can interrupt Terraform exactly inside that call.

Run it like moto_server: `python moto_server.py -H 127.0.0.1 -p 5000 [-c cert.pem -k key.pem]`.
MOTO_PLAIN=1 runs moto unchanged, to see the gaps for yourself.
"""

import io
import json
import os
import sys
import threading

from moto.ecs.responses import EC2ContainerServiceResponse
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


def hold_requests_for_tests() -> None:
    """Test-only control endpoint (MOTO_TEST_CONTROL=1): hold one AWS call open, then freeze the rest.

    `POST /_test/hold` with `{"action": "CreateSubnet", "params": {"CidrBlock": "10.0.66.0/24"},
    "perform": true}` arms a hold for the first query-API call with that Action and parameters.
    That call is performed first when `perform` is true (AWS made the resource, the answer is
    late: the client never learns its id) and not at all when false. From then on every other
    call but S3's (the state backend) is frozen: held unanswered, and never performed. So when
    the test sends SIGINT, no call is half-done: each one either finished before the hold or is
    held. `GET /_test/hold` says `{"armed", "held", "busy"}` (busy: calls under way and not
    held). `POST /_test/release` answers every held call (the performed one with its real answer,
    the others with a 503 ServiceUnavailable, unperformed) and disarms. A hold lasts 120 s at most.
    """
    from urllib.parse import parse_qs

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    lock = threading.Lock()
    released = threading.Event()
    control: dict = {"rule": None, "caught": False, "held": 0, "busy": 0}
    dispatch = DomainDispatcherApplication.__call__

    def answer(start_response, status: str, body: dict):  # type: ignore[no-untyped-def]
        data = json.dumps(body).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]

    def service_of(environ: dict) -> str:
        # SigV4: Credential=<key>/<date>/<region>/<service>/aws4_request
        parts = environ.get("HTTP_AUTHORIZATION", "").split("Credential=", 1)[-1].split("/")
        return parts[3] if len(parts) > 3 else ""

    def matches(rule: dict, params: dict) -> bool:
        if params.get("Action", [None])[0] != rule.get("action"):
            return False
        return all(params.get(key, [None])[0] == value for key, value in (rule.get("params") or {}).items())

    def call(self, environ, start_response):  # type: ignore[no-untyped-def]
        path = environ.get("PATH_INFO", "")
        if path == "/_test/hold":
            if environ.get("REQUEST_METHOD") == "POST":
                length = int(environ.get("CONTENT_LENGTH") or 0)
                with lock:
                    control.update(rule=json.loads(environ["wsgi.input"].read(length) or b"{}"), caught=False)
                    released.clear()
            with lock:
                state = {"armed": control["rule"] is not None, "held": control["held"], "busy": control["busy"]}
            return answer(start_response, "200 OK", state)
        if path == "/_test/release":
            with lock:
                held = control["held"]
                control.update(rule=None, caught=False)
                released.set()
            return answer(start_response, "200 OK", {"released": held})

        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        with lock:
            rule = control["rule"]
            target = False
            if rule is not None and not control["caught"]:
                fields = parse_qs(body.decode("utf-8", "replace")) if body else {}
                target = matches(rule, fields)
                control["caught"] = target
            frozen = rule is not None and control["caught"] and not target and service_of(environ) != "s3"
            perform = target and bool(rule.get("perform"))
            control["held" if (target or frozen) and not perform else "busy"] += 1
        if not (target or frozen):
            try:
                return list(dispatch(self, environ, start_response))
            finally:
                with lock:
                    control["busy"] -= 1
        if perform:
            captured: list = []
            try:
                result = list(dispatch(self, environ, lambda *args: captured.append(args)))
            finally:
                with lock:  # performed: from now on it only waits
                    control["busy"] -= 1
                    control["held"] += 1
        try:
            released.wait(120)
            if perform:
                start_response(*captured[0])
                return result
            error = {"__type": "ServiceUnavailable", "message": "held by the test, not performed"}
            return answer(start_response, "503 Service Unavailable", error)
        finally:
            with lock:
                control["held"] -= 1

    DomainDispatcherApplication.__call__ = call


if __name__ == "__main__":
    # Without the managed policies, data "aws_iam_policy" for AmazonECSTaskExecutionRolePolicy fails.
    os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
    if os.environ.get("MOTO_PLAIN", os.environ.get("MOTO_ECS_PLAIN")) != "1":
        keep_service_fields()
        keep_scalable_target_tags()
        evaluate_secure_transport()
    if os.environ.get("MOTO_TEST_CONTROL") == "1":
        hold_requests_for_tests()
    main(sys.argv[1:])
