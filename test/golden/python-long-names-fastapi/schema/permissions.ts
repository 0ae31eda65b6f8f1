export enum Resource {
  Short = "short",
  VeryLong = "organisation.engagement_membership.invitation_management_workflow",
}

export enum Action {
  Read = "read",
  ApproveWithSecondSignature = "approve_with_second_signature",
  EscalateToIncidentCommander = "escalate_to_incident_commander",
  RequestAdditionalEvidence = "request_additional_evidence",
  Archive = "archive",
}

export const permissions = {
  [Resource.VeryLong]: [
    Action.Read,
    Action.ApproveWithSecondSignature,
    Action.EscalateToIncidentCommander,
    Action.RequestAdditionalEvidence,
    Action.Archive,
  ],
  [Resource.Short]: [Action.Read, Action.ApproveWithSecondSignature],
};

export const roles = {
  approver_of_organisation_engagement_membership_invitation_workflows: [
    "organisation.engagement_membership.invitation_management_workflow.*",
  ],
};

export const namespace = "acme_security_operations_platform";
