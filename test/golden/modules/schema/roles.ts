/**
 * The root schema of a config with modules: only roles (qualified grants), constraints and the
 * namespace live here. Every permission belongs to a module file.
 */
export const roles = {
  /** Everything, in every module, including permissions added later. */
  admin: ["*"],
  /** Reads across modules. */
  auditor: ["patients.patient.read", "billing.*", "lab_results.result.*"],
  /** Doctors are also declared in two module files: one role, the union. */
  doctor: ["billing.payment.create"],
} as const;

export const constraints = {
  restricted: { "billing.payment.refund": ["accountant", "admin", "auditor"] },
} as const;
