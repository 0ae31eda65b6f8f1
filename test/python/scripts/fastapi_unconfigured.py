"""Shows what a guarded route does when the app never provided granted_permissions.

Usage: python3 fastapi_unconfigured.py MODULE_DIR

Prints the status a client sees, then the error the server raised.
"""

import sys

sys.path.insert(0, sys.argv[1])

from fastapi import Depends, FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from permission_taxonomy import Action, Resource, require_permission  # noqa: E402

app = FastAPI()


@app.get("/alerts", dependencies=[Depends(require_permission(Resource.ALERT, Action.READ))])
def list_alerts() -> dict[str, bool]:
    return {"ok": True}


print(TestClient(app, raise_server_exceptions=False).get("/alerts").status_code)
try:
    TestClient(app).get("/alerts")
except RuntimeError as error:
    print(f"RuntimeError: {error}")
