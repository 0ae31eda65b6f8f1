export const Resource = { Alert: "alert" } as const;

export enum Action {
  Read = "read",
}

export let permissions = {
  alert: ["read"],
};
