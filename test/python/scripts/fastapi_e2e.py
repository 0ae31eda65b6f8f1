"""Drives FastAPI routes guarded by a generated module through TestClient.

Usage: python3 fastapi_e2e.py MODULE_DIR CASES_JSON

MODULE_DIR holds permission_taxonomy.py (generated with fastapi: true, from the contract
example schema). CASES_JSON is a list of [method, path, granted, roles]: granted (any JSON,
sent in the X-Granted header) is what the app's permission source returns; roles, when not
null, are turned into permissions with permissions_of_roles instead. Prints one line per
case: "METHOD PATH -> STATUS BODY".
"""

import json
import sys

sys.path.insert(0, sys.argv[1])

from fastapi import Depends, FastAPI, Header  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from permission_taxonomy import (  # noqa: E402
    Action,
    Permission,
    Resource,
    granted_permissions,
    permissions_of_roles,
    require_permission,
)

app = FastAPI()


@app.get("/alerts", dependencies=[Depends(require_permission(Resource.ALERT, Action.READ))])
def list_alerts() -> dict[str, bool]:
    return {"ok": True}


@app.post("/alerts/ack")
def acknowledge(
    permission: Permission = Depends(require_permission(Resource.ALERT, Action.ACKNOWLEDGE)),
) -> str:
    return permission.value


@app.get(
    "/members",
    dependencies=[Depends(require_permission(Resource.ENGAGEMENT_MEMBER, Action.MANAGE))],
)
def list_members() -> list[str]:
    return []


def current_permissions(
    x_granted: str = Header(default="null"), x_roles: str = Header(default="null")
) -> object:
    # The app's own source of truth; here the test sends it in headers.
    roles = json.loads(x_roles)
    if roles is not None:
        return permissions_of_roles(roles)
    return json.loads(x_granted)


app.dependency_overrides[granted_permissions] = current_permissions
client = TestClient(app)

for method, path, granted, roles in json.loads(sys.argv[2]):
    headers = {"X-Granted": json.dumps(granted), "X-Roles": json.dumps(roles)}
    response = client.request(method, path, headers=headers)
    print(f"{method} {path} -> {response.status_code} {response.text}")
