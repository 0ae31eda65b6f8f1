/** Roles that span modules, granting qualified keys. */
export const roles = {
  /** Runs the platform: every permission of every module. */
  admin: ["patients.*", "lab.*", "billing.*"],
  auditor: ["patients.patient.read", "lab.result.*", "billing.invoice.read"],
  /** Holds nothing: grants nothing in every target. */
  guest: [],
} as const;
