export enum Resource {
  Alert = "alert"
  User = "user",
}

export enum Action {
  Read = "read",
}

export const permissions = {
  [Resource.Alert]: [Action.Read,
};
