// checklist: python replay
/**
 * The behaviour table replayed against the generated Python (FastAPI flavour, the one with the
 * most code): test/behaviour/replay_python.py imports the module and prints one
 * `row <i> <true|false>` line per row from `has_permission` (roles expanded by
 * `permissions_of_roles`; raising counts as "not allowed").
 */
import { fileURLToPath } from "node:url";
import { EMPTY_LOCK } from "../../src/lock/lock.js";
import { pythonTarget } from "../../src/targets/python/descriptor.js";
import { parseRowAnswers, TABLE_FILE, TABLE_SCHEMA, type Replay } from "../behaviour/table.js";
import { modelFromSource } from "../helpers/model.js";
import { describeWithPython, runPython, writeTempFiles } from "./python-tools.js";
import { filesOf } from "../helpers/emit-result.js";

const REPLAY_SCRIPT = fileURLToPath(new URL("../behaviour/replay_python.py", import.meta.url));

export const pythonReplay: Replay = {
  language: "python",
  engine: "python3",
  describeWith: describeWithPython,
  async run() {
    const emit = await pythonTarget.loadEmitter();
    const [file] = filesOf(
      emit(
        modelFromSource(TABLE_SCHEMA),
        { language: "python", out: "/x/permission_taxonomy.py", fastapi: true },
        { lockBefore: undefined, lock: EMPTY_LOCK, existingFiles: new Map() },
      ),
    );
    if (file === undefined) throw new Error("the Python emitter produced no file");
    const dir = writeTempFiles({ "permission_taxonomy.py": file.content });
    const result = runPython([REPLAY_SCRIPT, dir, TABLE_FILE]);
    if (result.status !== 0 || result.stderr !== "") {
      throw new Error(`replay_python.py failed (${result.status}):\n${result.stderr}`);
    }
    return { language: "python", engine: "python3", answers: parseRowAnswers(result.stdout) };
  },
};
