export enum Resource {
  Alert = "alert",
  Host = "host",
}

export enum Action {
  Read = "read",
  Acknowledge = "acknowledge",
}

export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Acknowledge],
  [Resource.Host]: [Action.Read],
};
