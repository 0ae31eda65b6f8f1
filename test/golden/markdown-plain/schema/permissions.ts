
export enum Resource { Engagement = "engagement", EngagementMember = "engagement.member" }
export enum Action { Create = "create", Read = "read" }
export const permissions = {
  [Resource.Engagement]: [Action.Create, Action.Read],
  [Resource.EngagementMember]: [Action.Read],
} as const;
