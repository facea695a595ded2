"""moto's server, with what the stacks send kept as AWS keeps it.

Each fix below keeps a value the caller sent, or evaluates a rule the way AWS does, where
moto 5.2 drops or mangles it; nothing else of moto changes, and nothing is hidden from a
plan. Each has a test (`__tests__/integration/emulator.integration.test.ts`) that shows
plain moto's behaviour next to the launcher's, so a fix can go once moto does it itself.

- ECS services: moto answers CreateService but drops `healthCheckGracePeriodSeconds`,
  `availabilityZoneRebalancing`, `deploymentConfiguration` (the circuit breaker and the
  healthy percents) and `enableExecuteCommand`: DescribeServices returns none of them, so a
  plan right after apply showed drift on each although nothing changed. UpdateService copies
  every parameter it is sent onto the service (the deployment configuration: see below).
- ECS deployment configuration on UpdateService: moto replaces the service's
  `deploymentConfiguration` with what the call sends, so turning the circuit breaker on drops
  the healthy percents (0 where ECS keeps 200 and 100) and a plan after apply shows drift. The
  launcher merges what is sent over what the service has (ECS's defaults, 200 and 100, when it
  has none), as ECS does.
- ECS deployments: moto keeps one deployment per service for ever (`PRIMARY`, `IN_PROGRESS`,
  no task running), whatever UpdateService changes, so nothing that waits for a rollout (the
  `ServicesStable` waiter, `npm run rollout`) ever finishes. The launcher models a rolling
  deployment as ECS reports it: each UpdateService that changes the task definition (or
  forces a new deployment) starts a new `PRIMARY` deployment, the one it replaces stays
  `ACTIVE`; after `MOTO_ECS_DEPLOYMENT_SECONDS` (3 by default) the new one is `COMPLETED`
  with running = desired, the old ones are gone, and the service's events say so; the
  service's task definition is the revision's ARN, as ECS answers (moto keeps `family:2` as
  sent). For tests
  only, `MOTO_ECS_FAILING_IMAGES` (images, comma-separated) makes a deployment whose task
  definition runs one of them fail as the deployment circuit breaker reports it: `FAILED`,
  and, when the service's circuit breaker has `rollback` on, a new deployment back to the
  task definition it replaced; without a circuit breaker it stays `IN_PROGRESS`, its tasks
  failing, as ECS keeps trying.
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
- Signatures of requests without a body under IAM enforcement: to check a request's SigV4
  signature moto signs it again, and when the body is empty it signs what it parsed from the
  request as the payload. The GET that Terraform's provider sends Route 53 for ListHostedZones
  (`data.aws_route53_zone`, which the prod stack and every plan of it use) then never matches,
  and a role allowed to make it gets SignatureDoesNotMatch (HTTP 403). The launcher signs an
  empty body of a GET, HEAD or DELETE as AWS does: as an empty payload.


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
import time

from moto.ecs.responses import EC2ContainerServiceResponse
from moto.iam.responses import IamResponse
from moto.iam.access_control import IAMPolicyStatement, IAMRequestBase, PermissionResult
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


def merge_deployment_configuration() -> None:
    from moto.ecs.models import EC2ContainerServiceBackend

    update_service = EC2ContainerServiceBackend.update_service

    def update_service_merging(self, service_properties):  # type: ignore[no-untyped-def]
        sent = service_properties.get("deployment_configuration")
        if sent is not None:
            cluster = service_properties.get("cluster", "default")
            name = service_properties.get("service", "").split("/")[-1]
            current = getattr(self._get_service(cluster, name), "deployment_configuration", None)
            defaults = {"maximumPercent": 200, "minimumHealthyPercent": 100}
            service_properties["deployment_configuration"] = {**defaults, **(current or {}), **sent}
        return update_service(self, service_properties)

    EC2ContainerServiceBackend.update_service = update_service_merging

def _deployment_seconds() -> float:
    return float(os.environ.get("MOTO_ECS_DEPLOYMENT_SECONDS", "3"))


def _failing_images() -> set:
    return {image.strip() for image in os.environ.get("MOTO_ECS_FAILING_IMAGES", "").split(",") if image.strip()}


def model_rolling_deployments() -> None:
    from moto.core.utils import utcnow
    from moto.ecs.models import EC2ContainerServiceBackend
    from moto.moto_api._internal import mock_random

    started: dict = {}  # deployment id -> when it started (monotonic seconds)
    replaced: dict = {}  # deployment id -> the deployment it replaced, for a rollback

    def event(service, message: str) -> None:  # type: ignore[no-untyped-def]
        service.events.insert(0, {"id": str(mock_random.uuid4()), "createdAt": utcnow(), "message": message})
        del service.events[100:]

    def start(service, task_definition: str, previous) -> dict:  # type: ignore[no-untyped-def]
        deployment_id = f"ecs-svc/{mock_random.randint(0, 32**12)}"
        template = previous or {}
        now = utcnow()
        deployment = {
            "createdAt": now,
            "desiredCount": service.desired_count,
            "failedTasks": 0,
            "id": deployment_id,
            "launchType": template.get("launchType", service.launch_type),
            "pendingCount": service.desired_count,
            "rolloutState": "IN_PROGRESS",
            "rolloutStateReason": f"ECS deployment {deployment_id} in progress.",
            "runningCount": 0,
            "platformVersion": template.get("platformVersion", service.platform_version),
            "networkConfiguration": template.get("networkConfiguration"),
            "platformFamily": template.get("platformFamily", "FARGATE"),
            "status": "PRIMARY",
            "taskDefinition": task_definition,
            "updatedAt": now,
        }
        for other in service.deployments:
            if other["status"] == "PRIMARY":
                other["status"] = "ACTIVE"
        service.deployments.insert(0, deployment)
        started[deployment_id] = time.monotonic()
        replaced[deployment_id] = previous
        service.task_definition = task_definition
        service.running_count, service.pending_count = 0, service.desired_count
        event(service, f"(service {service.name}) has started {service.desired_count} tasks: (deployment {deployment_id}).")
        return deployment

    def runs_failing_image(backend, task_definition: str) -> bool:  # type: ignore[no-untyped-def]
        failing = _failing_images()
        if not failing:
            return False
        definition = backend.describe_task_definition(task_definition)
        return any(container.get("image") in failing for container in definition.container_definitions)

    def settle(backend, service) -> None:  # type: ignore[no-untyped-def]
        """Moves the service's primary deployment on, once its time is up: COMPLETED, or FAILED."""
        primary = next((d for d in service.deployments if d["status"] == "PRIMARY"), None)
        if primary is None or primary["rolloutState"] != "IN_PROGRESS":
            return
        begun = started.setdefault(primary["id"], time.monotonic())
        if time.monotonic() - begun < _deployment_seconds():
            return
        primary["updatedAt"] = utcnow()
        if runs_failing_image(backend, primary["taskDefinition"]):
            breaker = (getattr(service, "deployment_configuration", None) or {}).get("deploymentCircuitBreaker") or {}
            primary["failedTasks"] = primary["desiredCount"]
            if not breaker.get("enable"):
                if primary["rolloutStateReason"].endswith("in progress."):
                    primary["rolloutStateReason"] = f"ECS deployment {primary['id']} in progress: tasks failed to start."
                    event(service, f"(service {service.name}) is unable to consistently start tasks successfully.")
                return  # ECS keeps trying, for ever
            primary["rolloutState"] = "FAILED"
            primary["rolloutStateReason"] = "ECS deployment circuit breaker: tasks failed to start."
            event(service, f"(service {service.name}) (deployment {primary['id']}) deployment failed: tasks failed to start.")
            previous = replaced.get(primary["id"])
            if breaker.get("rollback") and previous is not None:
                event(service, f"(service {service.name}) (deployment {primary['id']}) rolling back to deployment {previous['id']}.")
                start(service, previous["taskDefinition"], previous)
            return
        primary["rolloutState"] = "COMPLETED"
        primary["rolloutStateReason"] = f"ECS deployment {primary['id']} completed."
        primary["runningCount"], primary["pendingCount"] = primary["desiredCount"], 0
        service.deployments[:] = [primary]
        service.running_count, service.pending_count = primary["desiredCount"], 0
        event(service, f"(service {service.name}) (deployment {primary['id']}) deployment completed.")
        event(service, f"(service {service.name}) has reached a steady state.")

    update_service = EC2ContainerServiceBackend.update_service
    describe_services = EC2ContainerServiceBackend.describe_services

    def update_service_deploying(self, service_properties):  # type: ignore[no-untyped-def]
        cluster = service_properties.get("cluster", "default")
        name = service_properties.get("service", "").split("/")[-1]
        service = self._get_service(cluster, name)
        settle(self, service)
        before = service.task_definition
        wanted = service_properties.get("task_definition")
        forced = service_properties.pop("force_new_deployment", False)
        result = update_service(self, service_properties)
        if wanted is not None:
            # A family name or family:revision resolves to the revision's ARN, as ECS reports it.
            result.task_definition = self.describe_task_definition(wanted).arn
        if result.task_definition != before or forced:
            previous = next((d for d in result.deployments if d["status"] == "PRIMARY"), None)
            start(result, result.task_definition, previous)
        return result

    def describe_services_settling(self, cluster_str, service_names_or_arns):  # type: ignore[no-untyped-def]
        services, failures = describe_services(self, cluster_str, service_names_or_arns)
        for service in services:
            settle(self, service)
        return services, failures

    EC2ContainerServiceBackend.update_service = update_service_deploying
    EC2ContainerServiceBackend.describe_services = describe_services_settling

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


def sign_empty_bodies_as_empty() -> None:
    create = IAMRequestBase._create_aws_request

    def create_aws_request(self):  # type: ignore[no-untyped-def]
        if self._body or self._method not in ("GET", "HEAD", "DELETE"):
            return create(self)
        data, self._data = self._data, b""
        try:
            return create(self)
        finally:
            self._data = data

    IAMRequestBase._create_aws_request = create_aws_request


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
        merge_deployment_configuration()
        model_rolling_deployments()
        keep_scalable_target_tags()
        evaluate_secure_transport()
        authorize_iam_on_arns()
        sign_empty_bodies_as_empty()
    if os.environ.get("MOTO_TEST_CONTROL") == "1":
        hold_requests_for_tests()
    main(sys.argv[1:])
