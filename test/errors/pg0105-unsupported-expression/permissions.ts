import { extraActions, makeRoles } from "./helpers.js";

export enum Resource {
  Alert = "alert",
  Engagement = "engagement",
  EngagementMember = "engagement.member",
}

export enum Action {
  Read = "read",
  Create = "create",
  Manage = "manage",
}

const base = [Action.Read];

export const permissions = {
  [Resource.Alert]: [...base, Action.Create],
  [Resource.Engagement]: extraActions(),
  engagement_member: [Action.Manage],
  base,
} as const;

export const roles = makeRoles();
