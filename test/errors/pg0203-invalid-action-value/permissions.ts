export enum Resource {
  Alert = "alert",
}

export enum Action {
  Read = "read.all",
  Write = "Write",
  Ack = "2ack",
}

export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Write, Action.Ack],
};
