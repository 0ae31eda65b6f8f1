/**
 * The consumer module the type-checker tests (pyright, mypy) check against the CONTRACT
 * example's generated module: declared pairs only, then whatever lines a test appends. Line
 * numbers in findings are 1-based lines of this consumer.
 */
import { renderPythonModule } from "../../src/targets/python/emit-python.js";
import { modelFromSource } from "../helpers/model.js";
import { CONTRACT_SCHEMA } from "./python-schemas.js";
import { writeTempFiles } from "./python-tools.js";

/** The consumer's fixed lines: every call uses a declared pair. */
export const CONSUMER_LINES: readonly string[] = [
  "from fastapi import Depends, FastAPI",
  "",
  "from permission_taxonomy import (",
  "    Action,",
  "    Permission,",
  "    Resource,",
  "    check_permission,",
  "    has_permission,",
  "    permission_key,",
  "    require_permission,",
  ")",
  "",
  "app = FastAPI()",
  "",
  "",
  '@app.get("/alerts", dependencies=[Depends(require_permission(Resource.ALERT, Action.READ))])',
  "def list_alerts() -> None:",
  "    check_permission([Permission.ALERT_READ], Resource.ALERT, Action.ACKNOWLEDGE)",
  "    check_permission(None, Resource.ENGAGEMENT_MEMBER, Action.MANAGE)",
  "    has_permission({'soc.user.manage'}, Resource.USER, Action.READ)",
  "    permission_key(Resource.USER, Action.READ)",
];

/**
 * Writes `permission_taxonomy.py` (the CONTRACT example, FastAPI flavour) and `consumer.py`
 * (the fixed lines plus `extraLines`) to a fresh temp folder and returns it.
 */
export function writeConsumerProject(extraLines: readonly string[]): string {
  const module = renderPythonModule(modelFromSource(CONTRACT_SCHEMA), { fastapi: true });
  const consumer = [...CONSUMER_LINES, ...extraLines, ""].join("\n");
  return writeTempFiles({ "permission_taxonomy.py": module, "consumer.py": consumer });
}
