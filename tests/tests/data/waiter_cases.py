"""What botocore's own waiter acceptors decide for the responses of tests/tests/waiters.rs.

Run with a Python that has botocore (the moto venv has 1.44.x):
    python tests/tests/data/waiter_cases.py
It prints one Rust table row per case: (waiter, HTTP status, response body, state). The table in
waiters.rs was made with it; botocore is the reference, not awsgen's output.
"""

import json
import pathlib

from botocore.waiter import SingleWaiterConfig

ROOT = pathlib.Path(__file__).resolve().parents[3]
WAITERS = json.loads((ROOT / "models/fixtures/waiter-paths.waiters-2.json").read_text())["waiters"]

# (waiter, status, body); an error body has `__type`, as awsJson errors do.
CASES = [
    ("AllActive", 200, {"Things": [{"Status": "ACTIVE"}, {"Status": "ACTIVE"}]}),
    ("AllActive", 200, {"Things": [{"Status": "ACTIVE"}, {"Status": "DELETING"}]}),
    ("AllActive", 200, {"Things": [{"Status": "ACTIVE"}, {"Status": "FAILED"}]}),
    ("AllActive", 200, {"Things": [{"Status": "ACTIVE"}, {"Name": "no status"}]}),
    ("AllActive", 200, {"Things": []}),
    ("AllActive", 200, {}),
    ("AllActive", 400, {"__type": "ThingNotFound", "message": "gone"}),
    ("AllActive", 400, {"__type": "ValidationException", "message": "bad"}),
    ("ThingExists", 200, {"Things": [{"Name": "a"}]}),
    ("ThingExists", 200, {"Things": []}),
    ("ThingExists", 400, {"__type": "ThingNotFound"}),
    ("OutputAvailable", 200, {"Output": "log line"}),
    ("OutputAvailable", 200, {"Output": ""}),
    ("OutputAvailable", 200, {}),
    ("Ready", 200, {"Ready": True}),
    ("Ready", 200, {"Ready": False}),
    ("Ready", 200, {}),
    ("Ready", 404, {"__type": "ThingNotFound"}),
    ("Ready", 500, {"__type": "InternalFailure"}),
    ("NoError", 200, {}),
    ("NoError", 400, {"__type": "ThingNotFound"}),
    ("PhaseSettled", 200, {"Phase": "CANCELLING"}),
    ("PhaseSettled", 200, {"Phase": "CANCELLED"}),
    ("PhaseSettled", 200, {"Phase": "DONE"}),
    ("PhaseSettled", 200, {}),
    ("Stable", 200, {"Things": [
        {"Deployments": [{"Id": "d1"}], "RunningCount": 2, "DesiredCount": 2},
        {"Deployments": [{"Id": "d2"}], "RunningCount": 1, "DesiredCount": 1}]}),
    ("Stable", 200, {"Things": [
        {"Deployments": [{"Id": "d1"}], "RunningCount": 1, "DesiredCount": 2}]}),
    ("Stable", 200, {"Things": [
        {"Deployments": [{"Id": "d1"}, {"Id": "d2"}], "RunningCount": 2, "DesiredCount": 2}]}),
    ("Stable", 200, {"Things": []}),
    ("AllDeletingOrFailed", 200, {"Things": [{"Status": "DELETING"}, {"Status": "FAILED"}]}),
    ("AllDeletingOrFailed", 200, {"Things": [{"Status": "DELETING"}, {"Status": "ACTIVE"}]}),
    ("AllDeletingOrFailed", 200, {"Things": []}),
    ("Verified", 200, {"Attributes": {"a": {"Verification": "Success"}, "b": {"Verification": "Success"}}}),
    ("Verified", 200, {"Attributes": {"a": {"Verification": "Success"}, "b": {"Verification": "Pending"}}}),
    ("Verified", 200, {"Attributes": {}}),
    ("Gone", 200, {"Things": []}),
    ("Gone", 200, {"Things": [{"Name": "a"}], "Count": 3}),
    ("Gone", 200, {"Things": [{"Name": "a"}], "Count": 2}),
]


def decide(name, status, body):
    config = SingleWaiterConfig(WAITERS[name])
    response = {"ResponseMetadata": {"HTTPStatusCode": status}}
    if "__type" in body:
        response["Error"] = {"Code": body["__type"], "Message": body.get("message", "")}
    else:
        response.update(body)
    for acceptor in config.acceptors:
        if acceptor.matcher_func(response):
            return acceptor.state
    return None


for name, status, body in CASES:
    state = decide(name, status, body)
    state = "None" if state is None else f"Some({state.capitalize()})"
    print(f'    ("{name}", {status}, r#"{json.dumps(body)}"#, {state}),')
