export enum Resource {
  Alert = "alert",
  Alarm = "alert",
}

export enum Action {
  Read = "read",
  View = "read",
}

export const permissions = {
  [Resource.Alarm]: [Action.View],
};
