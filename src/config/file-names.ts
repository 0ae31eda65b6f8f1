/**
 * The names of the files permgen finds by convention. Kept apart from the config loader so the
 * light modules (the API facade, the verdict cache, init) can use them without loading zod.
 */

/** The config file's name, looked up from the current folder up (see find-config.ts) unless `--config` is given. */
export const CONFIG_FILE_NAME = "permgen.config.json";

/** The lock file's name; it lives next to the config file. */
export const LOCK_FILE_NAME = "permgen.lock.json";
