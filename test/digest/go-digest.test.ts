/**
 * Go's `VerifySchemaDigest(ctx, db *sql.DB)` under `go test`, through database/sql and a fake
 * `driver.Driver` written in the test (verify_digest_test.go.txt: the standard library only,
 * no network, no third-party driver). The generated file is the one `permgen generate` wrote
 * for a config whose SQL targets name their metadata table `app_meta`; the fake database
 * answers only the query form the SQL target's migrations make readable, so a check that read
 * another table, column or key would fail here.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildGoEnv, createGoModule, describeWithGo, removeGoModule } from "../go/go-toolchain.js";
import { runCommand } from "../helpers/tools.js";
import { META_TABLE, makeDigestRepo, type DigestRepo } from "./digest-repo.js";

const GO_TEST = fileURLToPath(new URL("./verify_digest_test.go.txt", import.meta.url));

describeWithGo("VerifySchemaDigest (Go, database/sql)", () => {
  let repo: DigestRepo;
  let module: string;
  beforeAll(() => {
    repo = makeDigestRepo();
    module = createGoModule({
      "permissions.go": fs.readFileSync(
        path.join(repo.dir, "generated", "permgen", "permissions.go"),
        "utf8",
      ),
      "verify_digest_test.go": fs.readFileSync(GO_TEST, "utf8"),
    });
  });
  afterAll(() => {
    removeGoModule(module);
    fs.rmSync(repo.dir, { recursive: true, force: true });
  });

  it("passes on a matching database and fails, naming both digests, on a stale or missing one", () => {
    const result = runCommand("go", ["test", "-count=1", "-v", "./..."], {
      cwd: module,
      env: {
        ...buildGoEnv(),
        PERMGEN_META_TABLE: META_TABLE,
        PERMGEN_STALE_DIGEST: repo.staleDigest,
      },
    });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    for (const name of [
      "TestMatchingDatabasePasses",
      "TestStaleDatabaseFails",
      "TestMissingTableFails",
      "TestMissingRowOrNonStringValueFails",
      "TestCanceledContextFails",
    ]) {
      expect(result.stdout).toContain(`--- PASS: ${name}`);
    }
  });
});
