export enum Resource {
  Alert = "alert",
  Alert = "alarm",
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.Alert]: [Action.Read],
};
