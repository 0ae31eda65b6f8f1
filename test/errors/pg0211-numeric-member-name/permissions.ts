export enum Resource {
  Alert = "alert",
  "1" = "one",
}

export enum Action {
  Read = "read",
  "-1.5" = "nan",
}

export const permissions = {
  [Resource.Alert]: [Action.Read],
};
