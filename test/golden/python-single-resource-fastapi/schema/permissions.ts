export enum Resource {
  Alert = "alert",
}

export enum Action {
  Read = "read",
  Write = "write",
}

export const permissions = {
  [Resource.Alert]: [Action.Read],
};
