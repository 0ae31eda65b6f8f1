/**
 * The "done when": on an app a user writes from the README, `permgen audit` finds
 * exactly the unenforced permission, the magic string and the forgotten route. The repository
 * is made by `permgen init`; the FastAPI app is the README's own "A complete app" example
 * (read from README.md, so the two cannot drift apart), plus the routes a user adds next —
 * one of them forgotten — and one role compared as a string.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ensureBuilt, makeRepo, ROOT, runCli } from "../cli/run-cli.js";

const repos: string[] = [];

beforeAll(() => {
  ensureBuilt();
});

afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

/** The README's complete FastAPI example, as printed there. */
function readReadmeApp(): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const match = /A complete app:\n\n```python\n([\s\S]*?)```/.exec(readme);
  if (match?.[1] === undefined) throw new Error("README.md has no 'A complete app' Python example");
  return match[1];
}

const MORE_ROUTES = `

@app.post(
    "/engagements",
    dependencies=[Depends(require_permission(Resource.ENGAGEMENT, Action.CREATE))],
)
def create_engagement() -> dict[str, str]:
    return {}


@app.get(
    "/engagements",
    dependencies=[Depends(require_permission(Resource.ENGAGEMENT, Action.READ))],
)
def list_engagements(permissions: frozenset[Permission] = Depends(current_permissions)) -> list[str]:
    return []


@app.put(
    "/engagements/{engagement_id}/members",
    dependencies=[Depends(require_permission(Resource.ENGAGEMENT_MEMBER, Action.MANAGE))],
)
def set_members(engagement_id: int) -> None:
    return None


@app.delete("/engagements/{engagement_id}")
def delete_engagement(engagement_id: int, authorization: str = Header()) -> None:
    user = load_user_from_token(authorization)
    if user is None or "lead" not in user.roles:
        raise HTTPException(status_code=403)
`;

test("on the README's FastAPI app: exactly the unenforced permission, the magic string and the forgotten route", () => {
  const dir = makeRepo();
  repos.push(dir);
  expect(runCli(["init"], dir).code).toBe(0);
  const configFile = path.join(dir, "permgen.config.json");
  const config = JSON.parse(fs.readFileSync(configFile, "utf8")) as { targets: unknown[] };
  config.targets.push({ language: "python", out: "backend/app/permission_taxonomy.py", fastapi: true });
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  expect(runCli(["generate"], dir).code).toBe(0);
  fs.writeFileSync(path.join(dir, "backend", "app", "main.py"), readReadmeApp() + MORE_ROUTES);

  const run = runCli(["audit"], dir);
  expect(run.stderr).toBe("");
  const findings = run.stdout.split("\n").filter((line) => / PA\d{4}: /.test(line));
  expect(findings).toEqual([
    expect.stringMatching(/^backend\/app\/main\.py:\d+:1: error PA0003: route DELETE \/engagements\/\{engagement_id\} \(delete_engagement\) has no require_permission dependency/),
    expect.stringMatching(/^backend\/app\/main\.py:\d+:\d+: error PA0002: "lead" is the role name "lead"; use Role\.LEAD /),
    expect.stringMatching(/^schema\/permissions\.ts:\d+:\d+: error PA0001: permission "app\.user\.manage" is declared but no guard requires it/),
  ]);
  expect(run.code).toBe(1);
  // The workflow init wrote runs the audit.
  expect(fs.readFileSync(path.join(dir, ".github", "workflows", "permgen.yml"), "utf8")).toContain("- run: npx permgen audit\n");
});
